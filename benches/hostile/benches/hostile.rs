//! `dispatch` (resolve, then decode the params) over paths of growing size:
//! one group per shape, one benchmark per size, throughput in bytes, so the
//! report reads as time per byte.

use std::hint::black_box;
use std::time::Duration;

use apigen_bench_hostile::{SHAPES, SIZES, dispatch};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn hostile(c: &mut Criterion) {
    for shape in SHAPES {
        let mut group = c.benchmark_group(shape.name);
        group
            .sample_size(20)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2));
        for &size in SIZES {
            let path = (shape.make)(size);
            assert_eq!(dispatch(&path), shape.status, "{} at {size}", shape.name);
            group.throughput(Throughput::Bytes(path.len() as u64));
            group.bench_with_input(BenchmarkId::from_parameter(size), &path, |b, path| {
                b.iter(|| dispatch(black_box(path)))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, hostile);
criterion_main!(benches);

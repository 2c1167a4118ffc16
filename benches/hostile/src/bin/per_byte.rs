//! Prints the per-byte cost of every shape and size from criterion's last
//! run (`target/criterion`), as the markdown table of `RESULTS.md`:
//!
//! ```text
//! cargo bench -p apigen-bench-hostile
//! cargo run -p apigen-bench-hostile --bin per_byte
//! ```

use std::path::{Path, PathBuf};

use apigen_bench_hostile::{SHAPES, SIZES};

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/criterion"));
    let mut header = String::from("| shape | status |");
    let mut rule = String::from("|---|---|");
    for &size in SIZES {
        header.push_str(&format!(" {} |", human(size)));
        rule.push_str("---:|");
    }
    header.push_str(" 1 MB / 1 KB |");
    rule.push_str("---:|");
    println!("{header}\n{rule}");
    for shape in SHAPES {
        let costs: Vec<f64> = SIZES
            .iter()
            .map(|&size| ns_per_byte(&dir.join(shape.name).join(size.to_string())))
            .collect();
        let mut row = format!("| `{}` | {} |", shape.name, shape.status);
        for cost in &costs {
            row.push_str(&format!(" {cost:.2} |"));
        }
        row.push_str(&format!(" {:.2} |", costs[costs.len() - 1] / costs[0]));
        println!("{row}");
    }
}

/// The mean time per byte of one benchmark, in nanoseconds.
fn ns_per_byte(dir: &Path) -> f64 {
    let read = |file: &str| -> serde_json::Value {
        let path = dir.join("new").join(file);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|err| panic!("{}: {err} (run `cargo bench` first)", path.display()));
        serde_json::from_str(&text).expect("criterion writes JSON")
    };
    let mean = read("estimates.json")["mean"]["point_estimate"]
        .as_f64()
        .expect("a mean");
    let bytes = read("benchmark.json")["throughput"]["Bytes"]
        .as_f64()
        .expect("a byte throughput");
    mean / bytes
}

fn human(size: usize) -> String {
    if size >= 1 << 20 {
        format!("{} MB", size >> 20)
    } else {
        format!("{} KB", size >> 10)
    }
}

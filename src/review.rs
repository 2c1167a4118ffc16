//! Reviewing the generated code: the one part of `routes.rs` that differs
//! from machine to machine is the route files' `#[path]`, an absolute path
//! (see `emit::FileRefs`); [`redact_paths`] takes it out for a snapshot.

use std::path::Path;

use crate::emit::FileRefs;

/// What a crate's folder becomes in the output of [`redact_paths`].
const PLACEHOLDER: &str = "[CARGO_MANIFEST_DIR]";

/// The generated source with the crate's folder in the route files'
/// `#[path]` attributes written `[CARGO_MANIFEST_DIR]`, so that it is the
/// same on every machine and in CI: what a snapshot test of the generated
/// code compares. Pass the crate's `env!("CARGO_MANIFEST_DIR")`. The rest is
/// left as it is; so is an api dir outside the crate, named by its own
/// absolute path.
///
/// In the consumer crate, with `apigen-routes` and `insta` as
/// dev-dependencies:
///
/// ```ignore
/// // tests/routes.rs
/// #[test]
/// fn generated_routes() {
///     let generated = include_str!(concat!(env!("OUT_DIR"), "/routes.rs"));
///     insta::assert_snapshot!(apigen::redact_paths(generated, env!("CARGO_MANIFEST_DIR")));
/// }
/// ```
///
/// It works on [`Builder::render`](crate::Builder::render)'s output the same
/// way:
///
/// ```
/// # let krate = std::env::temp_dir().join(format!("apigen-doc-redact-{}", std::process::id()));
/// # std::fs::create_dir_all(krate.join("src/api")).unwrap();
/// std::fs::write(krate.join("src/api/hello.rs"), "pub async fn get() {}").unwrap();
/// let source = apigen::Builder::new().api_dir(krate.join("src/api")).render()?;
/// let path = format!("#[path = \"{}/src/api/hello.rs\"]", krate.display());
/// assert!(source.contains(&path));
///
/// let redacted = apigen::redact_paths(&source, &krate);
/// assert!(redacted.contains("#[path = \"[CARGO_MANIFEST_DIR]/src/api/hello.rs\"]"));
/// assert!(!redacted.contains(&path));
/// # std::fs::remove_dir_all(&krate).unwrap();
/// # Ok::<(), apigen::Error>(())
/// ```
pub fn redact_paths(source: &str, manifest_dir: impl AsRef<Path>) -> String {
    let dir = manifest_dir
        .as_ref()
        .to_string_lossy()
        .replace(std::path::MAIN_SEPARATOR, "/");
    // The attribute's text up to the path below the crate, escaped as the
    // emitter escapes it (one character at a time, so a prefix of the path
    // escapes to a prefix of the literal).
    let open = |dir: &str| -> String {
        let attribute = FileRefs::attribute(&format!("{}/", dir.trim_end_matches('/')));
        attribute
            .strip_suffix("\"]")
            .expect("an attribute ends in `\"]`")
            .to_owned()
    };
    source.replace(&open(&dir), &open(PLACEHOLDER))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_crate_folder_in_path_attributes_is_replaced() {
        let source = "/// `a.rs`: built from /home/me/app\n#[path = \"/home/me/app/src/api/a.rs\"]\npub mod a;\n\
                      #[path = \"/home/me/app2/src/api/b.rs\"]\npub mod b;\n";
        assert_eq!(
            redact_paths(source, "/home/me/app/"),
            "/// `a.rs`: built from /home/me/app\n#[path = \"[CARGO_MANIFEST_DIR]/src/api/a.rs\"]\npub mod a;\n\
             #[path = \"/home/me/app2/src/api/b.rs\"]\npub mod b;\n"
        );
    }

    #[test]
    fn folders_needing_escapes_are_found_as_the_emitter_wrote_them() {
        let dir = "/tmp/a \"quoted\" back\\slash/tab\there/é";
        let source = format!(
            "{}\npub mod a;\n",
            FileRefs::attribute(&format!("{dir}/src/api/a.rs"))
        );
        assert_eq!(
            redact_paths(&source, dir),
            "#[path = \"[CARGO_MANIFEST_DIR]/src/api/a.rs\"]\npub mod a;\n"
        );
    }
}

//! The committed `dist/schemas/v1/` is exactly what the export writes.
#![cfg(feature = "schema")]

use std::path::Path;

use greentic_types::schema::{check_dir, rendered, write_all_schemas};

#[test]
fn committed_dist_is_up_to_date() {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("dist");
    let report = check_dir(&dist.join("schemas/v1")).expect("dist is readable");
    assert!(
        report.is_clean(),
        "dist/schemas/v1 is stale: {report:?}\nrun `cargo run --features schema --bin export-schemas`"
    );
    assert!(dist.join(".nojekyll").is_file(), "dist/.nojekyll exists");
}

#[test]
fn export_is_deterministic_and_reports_drift() {
    let dir = std::env::temp_dir().join(format!("greentic-types-export-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let written = write_all_schemas(&dir).expect("export");
    assert_eq!(written.len(), rendered().expect("render").len());
    let first: Vec<Vec<u8>> = written
        .iter()
        .map(|p| std::fs::read(p).expect("read"))
        .collect();
    write_all_schemas(&dir).expect("second export");
    let second: Vec<Vec<u8>> = written
        .iter()
        .map(|p| std::fs::read(p).expect("read"))
        .collect();
    assert_eq!(first, second, "same bytes every time");
    assert!(
        first.iter().all(|b| b.ends_with(b"}\n")),
        "pretty JSON with a trailing newline"
    );
    assert!(check_dir(&dir).expect("check").is_clean());

    std::fs::write(&written[0], "{}\n").expect("corrupt");
    std::fs::remove_file(&written[1]).expect("remove");
    std::fs::write(dir.join("zz-unknown.schema.json"), "{}\n").expect("extra");
    let report = check_dir(&dir).expect("check");
    let name = |i: usize| {
        written[i]
            .file_name()
            .and_then(|n| n.to_str())
            .map(String::from)
    };
    assert_eq!(report.stale, [name(0).unwrap_or_default()]);
    assert_eq!(report.missing, [name(1).unwrap_or_default()]);
    assert_eq!(report.extra, ["zz-unknown.schema.json"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn export_removes_stale_schema_files_and_keeps_others() {
    let dir = std::env::temp_dir().join(format!("greentic-types-stale-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("renamed-model.schema.json"), "{}\n").expect("stale");
    std::fs::write(dir.join("README.md"), "notes\n").expect("other");
    write_all_schemas(&dir).expect("export");
    assert!(
        !dir.join("renamed-model.schema.json").exists(),
        "a schema no model produces is removed"
    );
    assert!(
        dir.join("README.md").exists(),
        "files that are not schemas stay"
    );
    assert!(check_dir(&dir).expect("check").is_clean());
    let _ = std::fs::remove_dir_all(&dir);
}

//! Writes every registered JSON Schema into `dist/schemas/v1/` (plus `dist/.nojekyll`).
//!
//! ```text
//! export-schemas            write dist/schemas/v1/ and dist/.nojekyll
//! export-schemas --out DIR  write DIR instead (DIR/../.nojekyll too)
//! export-schemas --check    exit 1, listing files missing, stale or extra
//! export-schemas --list     print slug, $id and Rust type of every schema
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use greentic_types::{registry, schema};

const USAGE: &str = "usage: export-schemas [--out DIR] [--check | --list]";

fn main() -> ExitCode {
    let mut out = PathBuf::from("dist/schemas/v1");
    let mut mode = "write";
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => match args.next() {
                Some(dir) => out = PathBuf::from(dir),
                None => return usage("--out needs a directory"),
            },
            "--check" => mode = "check",
            "--list" => mode = "list",
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => return usage(&format!("unknown argument `{other}`")),
        }
    }
    let result = match mode {
        "check" => check(&out),
        "list" => list(),
        _ => write(&out),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("export-schemas: {e}");
            ExitCode::from(2)
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("export-schemas: {problem}\n{USAGE}");
    ExitCode::from(2)
}

fn write(out: &Path) -> Result<ExitCode, schema::ExportError> {
    let written = schema::write_all_schemas(out)?;
    if let Some(dist) = out.parent() {
        let marker = dist.join(".nojekyll");
        std::fs::write(&marker, "").map_err(|source| schema::ExportError::Io {
            path: marker.clone(),
            source,
        })?;
    }
    println!("wrote {} schemas to {}", written.len(), out.display());
    Ok(ExitCode::SUCCESS)
}

fn check(out: &Path) -> Result<ExitCode, schema::ExportError> {
    let report = schema::check_dir(out)?;
    for (what, names) in [
        ("missing", &report.missing),
        ("stale", &report.stale),
        ("extra", &report.extra),
    ] {
        for name in names {
            println!("{what}: {}", out.join(name).display());
        }
    }
    if report.is_clean() {
        println!("{} is up to date", out.display());
        Ok(ExitCode::SUCCESS)
    } else {
        println!("run `cargo run --features schema --bin export-schemas` to refresh");
        Ok(ExitCode::FAILURE)
    }
}

fn list() -> Result<ExitCode, schema::ExportError> {
    for entry in registry::unique_entries()? {
        println!("{}\t{}\t{}", entry.slug(), entry.id(), entry.rust_type());
    }
    Ok(ExitCode::SUCCESS)
}

//! `greentic-types`: validate documents against any registered model.
//!
//! ```text
//! greentic-types validate --model SLUG FILE...     JSON, or YAML for .yaml/.yml/.ygtc
//! greentic-types validate --model SLUG --jsonl     one JSON document per stdin line
//! greentic-types models                            every slug, with its Rust type
//! ```
//!
//! Exit codes: 0 all valid, 1 some document invalid or unreadable, 2 usage error
//! (including an unknown slug, answered with the list of slugs).

use std::io::{BufRead, Write};
use std::path::Path;
use std::process::ExitCode;

use greentic_types::registry::{self, Entry};

const USAGE: &str = "usage:\n  greentic-types validate --model SLUG FILE...\n  greentic-types validate --model SLUG --jsonl   (documents on stdin, one per line)\n  greentic-types models";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("validate") => validate(&args[1..]),
        Some("models") => {
            for entry in registry::entries() {
                println!("{}\t{}", entry.slug(), entry.rust_type());
            }
            ExitCode::SUCCESS
        }
        Some("-h" | "--help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => usage(&format!("unknown command `{other}`")),
        None => usage("missing command"),
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("greentic-types: {problem}\n{USAGE}");
    ExitCode::from(2)
}

fn validate(args: &[String]) -> ExitCode {
    let mut slug = None;
    let mut jsonl = false;
    let mut files = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--model" => match it.next() {
                Some(s) => slug = Some(s.clone()),
                None => return usage("--model needs a slug"),
            },
            "--jsonl" => jsonl = true,
            a if a.starts_with("--") => return usage(&format!("unknown option `{a}`")),
            file => files.push(file.to_owned()),
        }
    }
    let Some(slug) = slug else {
        return usage("validate needs --model SLUG");
    };
    let entry = match registry::lookup(&slug) {
        Ok(entry) => entry,
        Err(registry::LookupError::Unknown(slug)) => {
            eprintln!("greentic-types: unknown model `{slug}`; known models:");
            for e in registry::entries() {
                eprintln!("  {}", e.slug());
            }
            return ExitCode::from(2);
        }
        Err(duplicate) => {
            eprintln!("greentic-types: {duplicate}");
            return ExitCode::from(2);
        }
    };
    match (jsonl, files.is_empty()) {
        (true, true) => validate_lines(entry),
        (false, false) => validate_files(entry, &files),
        (true, false) => usage("--jsonl reads stdin; do not name files"),
        (false, true) => usage("name at least one FILE, or use --jsonl"),
    }
}

/// One line out per line in: `ok <canonical JSON>` or `error <message>`.
fn validate_lines(entry: &Entry) -> ExitCode {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut all_ok = true;
    for line in stdin.lock().lines() {
        let verdict = match line {
            Ok(line) => entry.check_json(&line).map_err(|v| v.to_string()),
            Err(e) => Err(format!("(root): unreadable line: {e}")),
        };
        let written = match verdict {
            Ok(canonical) => writeln!(out, "ok {canonical}"),
            Err(message) => {
                all_ok = false;
                writeln!(out, "error {}", message.replace(['\n', '\r'], " "))
            }
        };
        if written.is_err() {
            return ExitCode::from(2);
        }
    }
    if out.flush().is_err() {
        return ExitCode::from(2);
    }
    if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn validate_files(entry: &Entry, files: &[String]) -> ExitCode {
    let mut all_ok = true;
    for file in files {
        match check_file(entry, Path::new(file)) {
            Ok(_) => println!("ok      {file}"),
            Err(message) => {
                all_ok = false;
                println!("invalid {file}");
                for line in message.split("; ") {
                    println!("  {line}");
                }
            }
        }
    }
    if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn check_file(entry: &Entry, path: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("(root): cannot read: {e}"))?;
    let yaml = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["yaml", "yml", "ygtc"]
            .iter()
            .any(|y| e.eq_ignore_ascii_case(y))
    });
    let verdict = if yaml {
        entry.check_yaml(&text)
    } else {
        entry.check_json(&text)
    };
    verdict.map_err(|v| v.to_string())
}

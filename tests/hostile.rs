//! Hostile documents, per class, for every registered model, through the real
//! CLI (`greentic-types validate --model SLUG --format json FILE...`): each is
//! rejected (exit 1) with a report that names the rule broken, and nothing but
//! that report reaches stdout (stderr stays empty).
//!
//! One process per model checks every class at once; the classes that do not
//! depend on the model (size limit, alias bomb timing) run once.
#![cfg(all(feature = "cli", feature = "proptest"))]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use greentic_types::generate::Gen;
use greentic_types::registry::{self, Entry};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_greentic-types");

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "greentic-types-hostile-{name}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// A hostile document: its class, file name, bytes, and the words one of its
/// violations must contain (any of them).
struct Case {
    class: &'static str,
    file: String,
    bytes: Vec<u8>,
    needles: &'static [&'static str],
}

/// A value of a JSON type the schema's root does not admit.
fn wrong_root(schema: &Value) -> &'static str {
    match schema.get("type").and_then(Value::as_str) {
        Some("object") => "[1, 2]",
        Some("string") => "{\"a\": 1}",
        Some("array") => "\"text\"",
        Some("integer" | "number") => "\"text\"",
        _ => "[[1], {\"a\": 2}]",
    }
}

/// A YAML document whose aliases would expand to 10^9 strings.
fn billion_laughs() -> String {
    let mut doc = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut prev = 'a';
    for c in "bcdefghi".chars() {
        let refs = vec![format!("*{prev}"); 10].join(",");
        doc.push_str(&format!("{c}: &{c} [{refs}]\n"));
        prev = c;
    }
    doc
}

/// The first top-level property the schema types as an integer, and whether
/// it is a 128-bit one.
fn integer_property(schema: &Value) -> Option<(String, bool)> {
    let props = schema.get("properties")?.as_object()?;
    for (name, prop) in props {
        let mut prop = prop;
        if let Some(target) = prop
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
            .and_then(|p| schema.pointer(p))
        {
            prop = target;
        }
        let is_int = match prop.get("type") {
            Some(Value::String(t)) => t == "integer",
            Some(Value::Array(ts)) => ts.iter().any(|t| t == "integer"),
            _ => false,
        };
        if is_int {
            let wide = prop
                .get("format")
                .and_then(Value::as_str)
                .is_some_and(|f| f.ends_with("128"));
            return Some((name.clone(), wide));
        }
    }
    None
}

fn cases(entry: &Entry) -> Vec<Case> {
    let schema = entry.schema();
    let mut out = Vec::new();
    let mut add =
        |class: &'static str, ext: &str, bytes: Vec<u8>, needles: &'static [&'static str]| {
            let n = out.len();
            out.push(Case {
                class,
                file: format!(
                    "{n:02}-{}.{ext}",
                    class.replace(|c: char| !c.is_ascii_alphanumeric(), "-")
                ),
                bytes,
                needles,
            });
        };
    let invalid_type: &'static [&'static str] = &[
        "invalid type",
        "(schema: type)",
        "did not match any variant",
        "expected",
        // A hand-written reader naming the element of the wrong type.
        "must be a string",
    ];
    add(
        "wrong root type",
        "json",
        wrong_root(&schema).into(),
        invalid_type,
    );
    add(
        "nesting past the limit (JSON)",
        "json",
        format!("{}{}", "[".repeat(200), "]".repeat(200)).into(),
        &["recursion limit exceeded"],
    );
    add(
        "nesting past the limit (YAML)",
        "yaml",
        format!("{}{}", "[".repeat(200), "]".repeat(200)).into(),
        &["recursion limit exceeded"],
    );
    add(
        "nesting past the limit (YAML block mappings)",
        "yml",
        (0..200)
            .map(|i| format!("{}k:\n", "  ".repeat(i)))
            .collect::<String>()
            .into(),
        &["recursion limit exceeded"],
    );
    add(
        "YAML alias bomb",
        "yaml",
        billion_laughs().into(),
        &["repetition limit exceeded"],
    );
    for number in ["18446744073709551616", "-9223372036854775809", "1e400"] {
        add(
            "number past every integer range (root)",
            "json",
            number.into(),
            &[
                "invalid type",
                "out of range",
                "expected",
                "did not match any variant",
            ],
        );
    }
    if let Some((field, wide)) = integer_property(&schema) {
        let sample = entry.sample(&mut Gen::new(7)).expect("sample");
        if let Value::Object(mut map) = sample {
            // Past u64, past u128 and i128 (128-bit fields exist), past f64.
            for number in [
                "18446744073709551616",
                "340282366920938463463374607431768211456",
                "-170141183460469231731687303715884105729",
                "1e400",
            ] {
                if wide && number == "18446744073709551616" {
                    continue; // inside a 128-bit field's range
                }
                map.insert(field.clone(), Value::String("@@BIG@@".into()));
                let text = Value::Object(map.clone())
                    .to_string()
                    .replace("\"@@BIG@@\"", number);
                add(
                    "number past every integer range (integer field)",
                    "json",
                    text.into(),
                    &[
                        "out of range",
                        "expected u",
                        "expected i",
                        "maximum",
                        "minimum",
                    ],
                );
            }
        }
    }
    for text in ["NaN", "Infinity", "-Infinity", "{\"x\": NaN}", "[Infinity]"] {
        add(
            "NaN / Infinity",
            "json",
            text.into(),
            &["NaN and Infinity are not JSON numbers"],
        );
    }
    for text in ["\"\\ud800\"", "{\"\\ud800\": 1}", "[\"\\udfff\"]"] {
        add(
            "lone surrogate",
            "json",
            text.into(),
            &["surrogate", "hex escape"],
        );
    }
    add(
        "byte-order mark",
        "json",
        "\u{feff}{}".into(),
        &["byte-order mark"],
    );
    let sample = entry.sample(&mut Gen::new(3)).expect("sample").to_string();
    add(
        "trailing garbage",
        "json",
        format!("{sample} garbage").into(),
        &["trailing characters"],
    );
    add(
        "trailing garbage",
        "json",
        format!("{sample}{sample}").into(),
        &["trailing characters"],
    );
    add("empty file", "json", Vec::new(), &["empty document"]);
    add(
        "empty file",
        "json",
        b" \n\t\n".to_vec(),
        &["empty document"],
    );
    add(
        "empty file",
        "yaml",
        b"# nothing\n---\n".to_vec(),
        &["empty document"],
    );
    out
}

/// Runs the CLI; returns (status, stdout, stderr, time).
fn run(args: &[&str], stdin: &[u8]) -> (i32, String, String, Duration) {
    let started = Instant::now();
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let mut input = child.stdin.take().expect("stdin");
    let stdin = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let out = child.wait_with_output().expect("exit");
    let _ = feeder.join();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        started.elapsed(),
    )
}

#[test]
fn every_model_rejects_every_hostile_class_naming_the_rule() {
    let dir = temp_dir("classes");
    let mut failures = Vec::new();
    let mut checked = 0usize;
    let mut slowest = (Duration::ZERO, String::new());
    for entry in registry::entries() {
        let cases = cases(entry);
        let model_dir = dir.join(entry.slug());
        std::fs::create_dir_all(&model_dir).expect("mkdir");
        let mut files = Vec::new();
        for case in &cases {
            let path = model_dir.join(&case.file);
            std::fs::write(&path, &case.bytes).expect("write case");
            files.push(path.to_string_lossy().into_owned());
        }
        let mut args = vec!["validate", "--model", entry.slug(), "--format", "json"];
        args.extend(files.iter().map(String::as_str));
        let (code, stdout, stderr, took) = run(&args, b"");
        if took > slowest.0 {
            slowest = (took, entry.slug().to_owned());
        }
        assert_eq!(
            code,
            1,
            "{}: every document is invalid:\n{stdout}{stderr}",
            entry.slug()
        );
        assert!(
            stderr.is_empty(),
            "{}: nothing on stderr: {stderr}",
            entry.slug()
        );
        let reports: Vec<Value> = stdout
            .lines()
            .map(|l| serde_json::from_str(l).expect("one JSON report per line"))
            .collect();
        assert_eq!(
            reports.len(),
            cases.len(),
            "{}: one report per file, nothing else:\n{stdout}",
            entry.slug()
        );
        for (case, report) in cases.iter().zip(&reports) {
            checked += 1;
            let rules: Vec<String> = report["violations"]
                .as_array()
                .map(|v| {
                    v.iter()
                        .map(|p| {
                            format!(
                                "{}: {}",
                                p["pointer"].as_str().unwrap_or("?"),
                                p["rule"].as_str().unwrap_or("")
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let named = rules
                .iter()
                .any(|r| case.needles.iter().any(|n| r.contains(n)));
            if report["valid"] != Value::Bool(false) || rules.is_empty() || !named {
                failures.push(format!(
                    "{} / {} ({}): expected one of {:?} in {rules:?}",
                    entry.slug(),
                    case.class,
                    case.file,
                    case.needles
                ));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    println!(
        "{checked} hostile documents over {} models rejected; slowest model run: {} in {:?}",
        registry::entries().len(),
        slowest.1,
        slowest.0
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn a_yaml_alias_bomb_is_refused_quickly_not_expanded() {
    let dir = temp_dir("bomb");
    let path = dir.join("bomb.yaml");
    std::fs::write(&path, billion_laughs()).expect("write");
    let file = path.to_string_lossy().into_owned();
    // A model that reads unknown keys (IgnoredAny walks the aliases) and one
    // whose root is a string (the schema pass parses the whole document).
    for slug in ["tenant-ctx", "flow", "tenant-id"] {
        let (code, stdout, stderr, took) = run(&["validate", "--model", slug, &file], b"");
        println!("billion laughs as {slug}: refused in {took:?}");
        assert_eq!(code, 1, "{stdout}{stderr}");
        assert!(stdout.contains("repetition limit exceeded"), "{stdout}");
        assert!(
            took < Duration::from_secs(5),
            "{slug}: refused in {took:?}, not expanded (10^9 strings would take minutes)"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// An alias of a large scalar repeated a few thousand times: 1 MB of text,
/// gigabytes expanded. The YAML parser's repetition limit counts events, not
/// bytes, so it passes there; the expansion budget refuses it, quickly and in
/// bounded memory, with or without `--model`.
#[test]
fn a_yaml_alias_of_a_large_scalar_is_refused_in_bounded_memory() {
    let big = "x".repeat(1_000_000);
    let doc = format!(
        "# yaml-language-server: $schema=https://greentic-ai.github.io/greentic-types/schemas/v1/flow.schema.json\nkind: events\nid: f\nnodes: {{a: {{kind: x, config: {{big: &a \"{big}\", many: [{}]}}}}}}\n",
        vec!["*a"; 3_000].join(", ")
    );
    let dir = temp_dir("scalar-bomb");
    let path = dir.join("bomb.yaml");
    std::fs::write(&path, &doc).expect("write");
    let file = path.to_string_lossy().into_owned();
    for args in [
        vec!["validate", "--model", "flow", file.as_str()],
        vec!["validate", file.as_str()],
    ] {
        // 512 MiB of address space; expanded, the document is 3 GB.
        let (code, stdout, stderr, took) = run_capped(512 * 1024, &args, b"");
        assert_eq!((code, stderr.as_str()), (1, ""), "{args:?}: {stdout}");
        assert!(
            stdout.contains("YAML aliases expand the document past the limit"),
            "{args:?}: {stdout}"
        );
        assert!(took < Duration::from_secs(10), "{args:?}: {took:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn hundred_megabyte_document() -> Vec<u8> {
    let mut doc = Vec::with_capacity(100 * 1024 * 1024 + 32);
    doc.extend_from_slice(b"{\"tenant_id\": \"");
    doc.resize(doc.len() + 100 * 1024 * 1024, b'a');
    doc.extend_from_slice(b"\"}\n");
    doc
}

/// Runs the CLI with its address space capped (`ulimit -v`): a program that
/// held the whole 100 MB document could not run in it.
fn run_capped(cap_kib: u64, args: &[&str], stdin: &[u8]) -> (i32, String, String, Duration) {
    let script = format!("ulimit -v {cap_kib} && exec \"$0\" \"$@\"");
    let mut full = vec!["-c", script.as_str(), BIN];
    full.extend_from_slice(args);
    let started = Instant::now();
    let mut child = Command::new("sh")
        .args(&full)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sh runs");
    let mut input = child.stdin.take().expect("stdin");
    let stdin = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let out = child.wait_with_output().expect("exit");
    let _ = feeder.join();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        started.elapsed(),
    )
}

#[test]
fn a_hundred_megabyte_string_is_refused_by_the_size_limit_in_bounded_memory() {
    let doc = hundred_megabyte_document();
    let dir = temp_dir("large");
    let path = dir.join("large.json");
    std::fs::write(&path, &doc).expect("write");
    let file = path.to_string_lossy().into_owned();
    // 96 MiB of address space: less than the document itself.
    let cap = 96 * 1024;
    let limit = "document larger than the size limit of 33554432 bytes (--max-bytes)";

    let (code, stdout, stderr, _) =
        run_capped(cap, &["validate", "--model", "tenant-context", &file], b"");
    assert_eq!((code, stderr.as_str()), (1, ""), "{stdout}");
    assert_eq!(stdout, format!("invalid {file}\n  (root): {limit}\n"));

    // From stdin the size is unknown: at most limit + 1 bytes are read.
    let (code, stdout, stderr, _) =
        run_capped(cap, &["validate", "--model", "tenant-context", "-"], &doc);
    assert_eq!((code, stderr.as_str()), (1, ""), "{stdout}");
    assert_eq!(stdout, format!("invalid -\n  (root): {limit}\n"));

    // A --jsonl line past the limit is answered, and the next line still is.
    let mut lines = doc.clone();
    lines.extend_from_slice(b"{\"tenant_id\": \"acme\"}\n");
    let (code, stdout, stderr, _) = run_capped(
        cap,
        &["validate", "--model", "tenant-context", "--jsonl"],
        &lines,
    );
    assert_eq!((code, stderr.as_str()), (1, ""), "{stdout}");
    assert_eq!(
        stdout,
        format!("error (root): {limit}\nok {{\"tenant_id\":\"acme\"}}\n")
    );

    // The limit is an option: a raised limit reads the document (and the
    // cap is what stops it, proving the cap is below the document's size).
    let (code, stdout, _, _) = run_capped(
        cap,
        &[
            "validate",
            "--model",
            "tenant-context",
            "--max-bytes",
            "200000000",
            &file,
        ],
        b"",
    );
    assert_ne!(code, 0, "the capped run cannot hold the document: {stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_tiny_limit_is_named_in_the_error() {
    let (code, stdout, _, _) = run(
        &["validate", "--model", "tenant-id", "--max-bytes", "4", "-"],
        b"\"acme\"",
    );
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "invalid -\n  (root): document larger than the size limit of 4 bytes (--max-bytes)\n"
    );
}

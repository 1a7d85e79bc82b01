//! The command-line tools, run as a user runs them.
#![cfg(feature = "cli")]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(bin: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(bin)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("exit")
}

fn validate(args: &[&str], stdin: &str) -> (i32, String, String) {
    let out = run(env!("CARGO_BIN_EXE_greentic-types"), args, stdin);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn jsonl_answers_exactly_one_line_per_input_line() {
    let input = concat!(
        "{\"tenant_id\": \"acme\", \"attributes\": {\"b\": \"2\", \"a\": \"1\"}}\n",
        "{\"tenant_id\": \"a b\"}\n",
        "not json\n",
        "\n",
        "{\"tenant_id\": \"x\", \"team_id\": 5}\n",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]\n",
    );
    let (code, stdout, _) = validate(&["validate", "--model", "tenant-context", "--jsonl"], input);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 6, "{stdout}");
    assert_eq!(
        lines[0], r#"ok {"tenant_id":"acme","attributes":{"a":"1","b":"2"}}"#,
        "canonical form: fields in declaration order, map keys sorted"
    );
    assert_eq!(
        lines[1],
        "error /tenant_id: TenantId must contain only ASCII letters, digits, '.', '-', '_'"
    );
    assert!(
        lines[2].starts_with("error (root): not JSON"),
        "{}",
        lines[2]
    );
    assert!(
        lines[3].starts_with("error (root): not JSON"),
        "{}",
        lines[3]
    );
    assert_eq!(
        lines[4],
        "error /team_id: invalid type: integer `5`, expected a TeamId string"
    );
    // Read straight from text: the first `[` is already not an object.
    assert_eq!(
        lines[5],
        "error (root): invalid type: sequence, expected struct TenantContext"
    );
    assert_eq!(code, 1, "some line was invalid");

    let (code, stdout, _) = validate(
        &["validate", "--model", "pack-id", "--jsonl"],
        "\"p.1\"\n\"p-2\"\n",
    );
    assert_eq!((code, stdout.as_str()), (0, "ok \"p.1\"\nok \"p-2\"\n"));
}

#[test]
fn files_are_read_as_json_or_yaml_by_extension() {
    let dir = std::env::temp_dir().join(format!("greentic-types-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let good_yaml = dir.join("ctx.ygtc");
    std::fs::write(
        &good_yaml,
        "env: prod\ntenant: acme\ntenant_id: acme\nattempt: 1\n",
    )
    .expect("write");
    let bad_json = dir.join("ctx.json");
    std::fs::write(
        &bad_json,
        r#"{"env": "prod", "tenant": "a", "tenant_id": "b", "attempt": 1}"#,
    )
    .expect("write");
    let (g, b) = (good_yaml.to_string_lossy(), bad_json.to_string_lossy());

    let (code, stdout, _) = validate(&["validate", "--model", "tenant-ctx", &g], "");
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(stdout, format!("ok      {g}\n"));

    let (code, stdout, _) = validate(&["validate", "--model", "tenant-ctx", &g, &b], "");
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        format!("ok      {g}\ninvalid {b}\n  /tenant: must equal `tenant_id` (legacy twin)\n")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_unknown_model_lists_the_known_ones() {
    let (code, _, stderr) = validate(&["validate", "--model", "nope", "--jsonl"], "");
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown model `nope`"), "{stderr}");
    assert!(stderr.lines().any(|l| l.trim() == "tenant-ctx"), "{stderr}");
    let (code, _, stderr) = validate(&["validate"], "");
    assert_eq!(code, 2);
    assert!(stderr.contains("usage"), "{stderr}");
}

#[test]
fn export_schemas_writes_checks_and_lists() {
    let bin = env!("CARGO_BIN_EXE_export-schemas");
    let dir = std::env::temp_dir().join(format!("greentic-types-dist-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let d = dir.to_string_lossy().into_owned();

    let out = run(bin, &["--out", &d, "--check"], "");
    assert_eq!(out.status.code(), Some(1), "an empty dir is not up to date");
    assert!(String::from_utf8_lossy(&out.stdout).contains("missing: "));

    let out = run(bin, &["--out", &d], "");
    assert!(out.status.success());
    assert!(dir.join(".nojekyll").is_file());
    assert!(dir.join("schemas/v1/tenant-ctx.schema.json").is_file());
    assert_eq!(
        run(bin, &["--out", &d, "--check"], "").status.code(),
        Some(0)
    );

    std::fs::write(dir.join("schemas/v1/tenant-ctx.schema.json"), "{}").expect("corrupt");
    std::fs::write(dir.join("schemas/v1/old.schema.json"), "{}").expect("extra");
    let out = run(bin, &["--out", &d, "--check"], "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout.contains("stale: ") && stdout.contains("tenant-ctx.schema.json"),
        "{stdout}"
    );
    assert!(
        stdout.contains("extra: ") && stdout.contains("old.schema.json"),
        "{stdout}"
    );

    let out = run(bin, &["--list"], "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.lines().any(|l| l.starts_with(
        "tenant-ctx\thttps://greentic-ai.github.io/greentic-types/schemas/v1/tenant-ctx.schema.json\tgreentic_types::tenant::TenantCtx"
    )), "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

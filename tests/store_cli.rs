//! Bad store and supply-chain documents through the real CLI
//! (`greentic-types validate --model SLUG FILE`): exit status 1 and a report
//! that names the JSON pointer and the rule, never a panic.
#![cfg(feature = "cli")]

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/store")
        .join(name)
}

/// Runs `validate --model slug file...`: exit code and stdout + stderr.
fn validate(slug: &str, files: &[PathBuf]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_greentic-types"))
        .args(["validate", "--model", slug])
        .args(files)
        .output()
        .expect("binary runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!text.contains("panicked"), "{text}");
    (out.status.code().unwrap_or(-1), text)
}

/// `file` is rejected as `slug`, and one line of the report names `pointer`
/// (as `pointer:`) and holds every piece of `rule`. The rest of the line format
/// is not pinned.
fn rejected(slug: &str, file: &str, pointer: &str, rule: &[&str]) {
    let (code, text) = validate(slug, &[fixture(&format!("bad/{file}"))]);
    assert_eq!(code, 1, "{file}: {text}");
    let line = text
        .lines()
        .find(|l| l.split_whitespace().any(|w| w == format!("{pointer}:")))
        .unwrap_or_else(|| panic!("{file}: no line for {pointer} in\n{text}"));
    for piece in rule {
        assert!(line.contains(piece), "{file}: {piece:?} not in {line:?}");
    }
}

#[test]
fn good_store_and_supply_chain_documents_pass_the_cli() {
    for (slug, file) in [
        ("storefront", "storefront.json"),
        ("store-product", "store-product.json"),
        ("store-plan", "store-plan.json"),
        ("subscription", "subscription.json"),
        ("environment", "environment.json"),
        ("rollout-status", "rollout-status.json"),
        ("desired-state", "desired-state.json"),
        ("bundle", "bundle.json"),
        ("desired-state-export", "desired-state-export.json"),
        ("build-plan", "build-plan.json"),
        ("build-status", "build-status.json"),
        ("scan-request", "scan-request.json"),
        ("scan-result", "scan-result.json"),
        ("sign-request", "sign-request.json"),
        ("verify-request", "verify-request.json"),
        ("verify-result", "verify-result.json"),
        ("attestation-statement", "attestation-statement.json"),
        ("metadata-record", "metadata-record.json"),
        ("repo-context", "repo-context.json"),
        ("store-context", "store-context.json"),
    ] {
        let (code, text) = validate(slug, &[fixture(file)]);
        assert_eq!(code, 0, "{slug}: {text}");
    }
}

#[test]
fn unknown_variants_are_rejected_naming_the_pointer() {
    rejected(
        "subscription",
        "subscription-unknown-status.json",
        "/status",
        &["unknown variant `Active`", "`active`"],
    );
    rejected(
        "scan-request",
        "scan-request-unknown-kind.json",
        "/kind",
        &["unknown variant `Source`", "`source`"],
    );
    rejected(
        "store-product",
        "store-product-pascal-case-strategy.json",
        "/version_strategy",
        &["unknown variant `Pinned`", "`pinned`"],
    );
    rejected(
        "store-product",
        "store-product-unknown-kind-tag.json",
        "/version_strategy/kind",
        &["unknown variant `lts`", "`fixed`"],
    );
}

#[test]
fn a_price_model_with_two_shapes_is_rejected() {
    rejected(
        "store-plan",
        "store-plan-two-price-shapes.json",
        "/price_model",
        &["exactly one shape", "`flat`", "`metered`"],
    );
}

#[test]
fn amounts_out_of_range_are_rejected_naming_the_field() {
    rejected(
        "store-plan",
        "store-plan-period-out-of-range.json",
        "/price_model/flat/period_days",
        &["70000", "u16"],
    );
    rejected(
        "store-plan",
        "store-plan-negative-amount.json",
        "/price_model/metered/overage_rate_micro",
        &["-250", "u64"],
    );
}

#[test]
fn invalid_ids_are_rejected_naming_the_id_rule() {
    rejected(
        "storefront",
        "storefront-invalid-id.json",
        "/id",
        &["StoreFrontId", "must contain only"],
    );
    rejected(
        "build-plan",
        "build-plan-invalid-component.json",
        "/component",
        &["ComponentRef", "must contain only"],
    );
}

#[test]
fn a_partial_theme_is_rejected_naming_the_missing_color() {
    rejected(
        "storefront",
        "storefront-partial-theme.json",
        "/theme",
        &["missing field `secondary_color`"],
    );
}

#[test]
fn malformed_timestamps_are_rejected_in_both_forms() {
    rejected(
        "build-status",
        "build-status-timestamp-text.json",
        "/started_at_utc",
        &["not an RFC 3339 timestamp"],
    );
    rejected(
        "scan-result",
        "scan-result-timestamp-array.json",
        "/finished_at_utc",
        &["ordinal"],
    );
    rejected(
        "build-status",
        "build-status-timestamp-short-array.json",
        "/finished_at_utc",
        &["invalid length 3"],
    );
}

#[test]
fn several_files_in_one_run_each_report_their_own_problem() {
    let (code, text) = validate(
        "storefront",
        &[
            fixture("storefront.json"),
            fixture("bad/storefront-partial-theme.json"),
            fixture("bad/storefront-invalid-id.json"),
        ],
    );
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("/theme: missing field `secondary_color`"),
        "{text}"
    );
    assert!(
        text.contains("/id: StoreFrontId must contain only"),
        "{text}"
    );
}

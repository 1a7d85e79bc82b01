//! Misuse of the DSL fails to compile with a message that says what to fix.
//! Each case in `tests/ui/` has its expected compiler output pinned beside it.
//!
//! The pinned output depends on what the DSL expands to, which depends on the
//! features `greentic-types` is built with (a serde derive adds its own
//! errors), and on the compiler version. The cases run with the features of
//! the README's test command (`--all-features`) on the toolchain CI uses; a
//! build with fewer features (plain `cargo test`) does not run them.

#[cfg(all(feature = "schema", feature = "proptest"))]
#[test]
fn dsl_misuse_gives_clear_compile_errors() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}

/// `#[deprecated]` models, ids, fields and variants compile in a crate that
/// denies the lint, and a crate that forbids it can declare every shape.
#[cfg(all(feature = "schema", feature = "proptest"))]
#[test]
fn deprecation_lints_see_only_the_users_code() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui-pass/*.rs");
}

#[cfg(feature = "telemetry-autoinit")]
#[test]
fn telemetry_main_misuse_gives_clear_compile_errors() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui-telemetry/*.rs");
    t.pass("tests/ui-telemetry-pass/*.rs");
}

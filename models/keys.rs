//! Derived keys: idempotency keys and canonical session keys.
//!
//! ```
//! use greentic_types::{canonical_session_key, make_idempotency_key, EnvId, TenantCtx, TenantId};
//!
//! let ctx = TenantCtx::new(EnvId::new("prod")?, TenantId::new("tenant-123")?);
//! let key = make_idempotency_key(&ctx, "flow-1", Some("node-1"), Some("corr"));
//! assert_eq!(key, "4cb1472ec0206400dc3fb697709045a6");
//!
//! let session = canonical_session_key("tenant", "webhook", None, None);
//! assert_eq!(session.as_str(), "tenant:webhook:conversation:user");
//! # Ok::<(), greentic_types::GreenticError>(())
//! ```
//!
//! Both keys join segments with a separator. 0.4.13 did not escape it, so
//! `("a:b", "c")` and `("a", "b:c")` shared a key. Here the separator (and the
//! escape character) are escaped inside segments, so distinct inputs give
//! distinct keys, while every input without those characters keeps exactly
//! the key 0.4.13 produced: stored keys stay valid across an upgrade.

use alloc::string::String;

use crate::{SessionKey, TenantCtx};

const FNV128_BASIS: u128 = 0x6c62272e07bb014262b821756295c58d;
const FNV128_PRIME: u128 = 0x0000000001000000000000000000013b;

/// FNV-1a, 128-bit, over `bytes`, continuing from `hash`.
fn fnv1a_128(mut hash: u128, bytes: &[u8]) -> u128 {
    for &b in bytes {
        hash ^= u128::from(b);
        hash = hash.wrapping_mul(FNV128_PRIME);
    }
    hash
}

/// Hashes `segment` with `|` written `\|` and `\` written `\\`.
fn fnv_escaped(mut hash: u128, segment: &str) -> u128 {
    for &b in segment.as_bytes() {
        if b == b'|' || b == b'\\' {
            hash = fnv1a_128(hash, b"\\");
        }
        hash = fnv1a_128(hash, &[b]);
    }
    hash
}

/// The idempotency key of one node invocation: 32 lowercase hex digits.
///
/// It hashes (FNV-1a 128) `tenant_id | flow_id | node | correlation`, where
/// `node` is `node_id` or empty (a missing node and an empty one are the same
/// node), and `correlation` is the argument when given (even `Some("")`), else
/// `ctx.correlation_id`, else empty. `env`, team and user are not part of the
/// key, and `ctx.idempotency_key` is neither read nor written.
///
/// `|` and `\` inside a segment are escaped with `\` before hashing, so two
/// different inputs never share a key; inputs without them hash exactly as in
/// 0.4.13.
pub fn make_idempotency_key(
    ctx: &TenantCtx,
    flow_id: &str,
    node_id: Option<&str>,
    correlation: Option<&str>,
) -> String {
    let correlation = correlation.or(ctx.correlation_id.as_deref()).unwrap_or("");
    let segments = [
        ctx.tenant_id.as_str(),
        flow_id,
        node_id.unwrap_or(""),
        correlation,
    ];
    let mut hash = FNV128_BASIS;
    for (i, segment) in segments.iter().enumerate() {
        if i > 0 {
            hash = fnv1a_128(hash, b"|");
        }
        hash = fnv_escaped(hash, segment);
    }
    alloc::format!("{hash:032x}")
}

/// Appends `segment` with `%` written `%25` and `:` written `%3A`.
fn push_session_segment(out: &mut String, segment: &str) {
    for c in segment.chars() {
        match c {
            '%' => out.push_str("%25"),
            ':' => out.push_str("%3A"),
            c => out.push(c),
        }
    }
}

/// The canonical key of a conversation: `tenant:provider:anchor:user`.
///
/// `anchor` defaults to `conversation` and `user` to `user`; `Some("")` is
/// kept as an empty segment. `%` and `:` inside a segment are percent-encoded
/// (`%25`, `%3A`) so distinct inputs never share a key; segments without them
/// give exactly the key 0.4.13 gave.
pub fn canonical_session_key(
    tenant: impl AsRef<str>,
    provider: impl AsRef<str>,
    anchor: Option<&str>,
    user: Option<&str>,
) -> SessionKey {
    let segments = [
        tenant.as_ref(),
        provider.as_ref(),
        anchor.unwrap_or("conversation"),
        user.unwrap_or("user"),
    ];
    let mut out = String::new();
    for (i, segment) in segments.iter().enumerate() {
        if i > 0 {
            out.push(':');
        }
        push_session_segment(&mut out, segment);
    }
    SessionKey::new(out)
}

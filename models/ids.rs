//! Identifiers: validated string newtypes, one rule each.
//!
//! ```
//! use greentic_types::{FlowId, TenantId};
//!
//! let tenant = TenantId::new("acme")?;
//! assert_eq!(tenant.as_str(), "acme");
//! let err = FlowId::new("hello world").unwrap_err();
//! assert_eq!(err.message, "FlowId must contain only ASCII letters, digits, '.', '-', '_'");
//! # Ok::<(), greentic_types::GreenticError>(())
//! ```
//!
//! Unless said otherwise an identifier is non-empty and made of ASCII letters,
//! digits, `.`, `-` and `_` ([`DEFAULT_ID_RULE`](crate::DEFAULT_ID_RULE)). The field is private, so an
//! invalid identifier cannot be built, deserialized or serialized; each
//! schema carries the same rule as `pattern` + `minLength`.

use alloc::format;
use alloc::string::ToString;

use crate::{IdRule, id_newtype};

id_newtype! {
    // 0.4.13's constructors return `GResult<Self>`: keep that, so code written
    // against it keeps compiling (`InvalidId` converts into it).
    error = crate::GreenticError;

    /// Deployment environment (`dev`, `staging`, `prod`, ...).
    pub EnvId, schema = "env-id";
    /// Tenant: the unit of isolation and billing.
    pub TenantId, schema = "tenant-id";
    /// Team inside a tenant.
    pub TeamId, schema = "team-id";
    /// User inside a tenant.
    pub UserId, schema = "user-id";

    /// Globally unique pack identifier.
    pub PackId, schema = "pack-id";
    /// Component identifier.
    pub ComponentId, schema = "component-id";
    /// Flow identifier inside a pack.
    pub FlowId, schema = "flow-id";
    /// Node identifier inside a flow.
    pub NodeId, schema = "node-id";
    /// Source-control branch reference.
    pub BranchRef, schema = "branch-ref";
    /// Source-control commit reference.
    pub CommitRef, schema = "commit-ref";
    /// Git provider reference.
    pub GitProviderRef, schema = "git-provider-ref";
    /// Scanner reference.
    pub ScannerRef, schema = "scanner-ref";
    /// Webhook identifier.
    pub WebhookId, schema = "webhook-id";
    /// Repository reference.
    pub RepoRef, schema = "repo-ref";
    /// Component reference in a store or registry.
    pub ComponentRef, schema = "component-ref";
    /// Version reference.
    pub VersionRef, schema = "version-ref";
    /// Build reference.
    pub BuildRef, schema = "build-ref";
    /// Scan reference.
    pub ScanRef, schema = "scan-ref";
    /// Attestation reference.
    pub AttestationRef, schema = "attestation-ref";
    /// Attestation identifier.
    pub AttestationId, schema = "attestation-id";
    /// Policy reference.
    pub PolicyRef, schema = "policy-ref";
    /// Policy input reference.
    pub PolicyInputRef, schema = "policy-input-ref";
    /// Store reference.
    pub StoreRef, schema = "store-ref";
    /// Registry reference.
    pub RegistryRef, schema = "registry-ref";
    /// OCI image reference.
    pub OciImageRef, schema = "oci-image-ref";
    /// Artifact reference.
    pub ArtifactRef, schema = "artifact-ref";
    /// Software bill of materials reference.
    pub SbomRef, schema = "sbom-ref";
    /// Signing key reference.
    pub SigningKeyRef, schema = "signing-key-ref";
    /// Signature reference.
    pub SignatureRef, schema = "signature-ref";
    /// Attestation statement reference.
    pub StatementRef, schema = "statement-ref";
    /// Build log reference.
    pub BuildLogRef, schema = "build-log-ref";
    /// Metadata record reference.
    pub MetadataRecordRef, schema = "metadata-record-ref";
    /// Environment reference.
    pub EnvironmentRef, schema = "environment-ref";
    /// Distributor reference.
    pub DistributorRef, schema = "distributor-ref";
    /// Store subscription identifier.
    pub SubscriptionId, schema = "subscription-id";
    /// Bundle identifier.
    pub BundleId, schema = "bundle-id";
    /// Store collection identifier.
    pub CollectionId, schema = "collection-id";
    /// Store product identifier.
    pub StoreProductId, schema = "store-product-id";
    /// Store plan identifier.
    pub StorePlanId, schema = "store-plan-id";
    /// Storefront identifier.
    pub StoreFrontId, schema = "storefront-id";

    /// Event identifier.
    pub EventId, schema = "event-id";

    /// Reference to an API key held by a secret store (`secret://vault/key:1`).
    /// Any ASCII without whitespace; the key itself never travels.
    pub ApiKeyRef, rule = API_KEY_RULE, schema = "api-key-ref";

    /// A SemVer version requirement (`^1.2`, `>=1.0, <2`), kept exactly as written.
    pub SemverReq, rule = SEMVER_REQ_RULE, schema = "semver-req";

    /// A JSONPath-like path of a value to redact (`$.payload.card`): starts with
    /// `$`, no control characters.
    pub RedactionPath, rule = REDACTION_PATH_RULE, schema = "redaction-path";
}

/// The rule of [`ApiKeyRef`]: ASCII, no whitespace, not empty.
pub const API_KEY_RULE: IdRule = IdRule::new(
    "must contain only ASCII characters other than whitespace",
    |c| c.is_ascii() && !c.is_whitespace(),
)
.with_pattern(r"^[\u0000-\u0008\u000E-\u001F\u0021-\u007F]+(?![\s\S])")
.with_examples(&["secret://vault/api-key:1", "env:OPENAI_KEY", "k"]);

/// A version number as `semver` reads it: no leading zero, at most `u64::MAX`.
macro_rules! semver_number {
    () => {
        concat!(
            "(?:0|[1-9][0-9]{0,18}|1[0-7][0-9]{18}|18[0-3][0-9]{17}|184[0-3][0-9]{16}",
            "|1844[0-5][0-9]{15}|18446[0-6][0-9]{14}|184467[0-3][0-9]{13}|1844674[0-3][0-9]{12}",
            "|184467440[0-6][0-9]{10}|1844674407[0-2][0-9]{9}|18446744073[0-6][0-9]{8}",
            "|1844674407370[0-8][0-9]{6}|18446744073709[0-4][0-9]{5}|184467440737095[0-4][0-9]{4}",
            "|18446744073709550[0-9]{3}|18446744073709551[0-5][0-9]{2}|1844674407370955160[0-9]",
            "|1844674407370955161[0-5])"
        )
    };
}

/// One comparator of a requirement as `semver` reads it: an optional
/// operator, then `major[.minor[.patch[-pre][+build]]]` where minor and patch
/// may be wildcards, then spaces.
macro_rules! semver_comparator {
    () => {
        concat!(
            r"(?:(?:=|>=?|<=?|~|\^) *)?",
            semver_number!(),
            r"(?:\.(?:[*Xx](?:\.[*Xx])?|",
            semver_number!(),
            r"(?:\.(?:[*Xx]|",
            semver_number!(),
            r"(?:-(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?",
            r"(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?))?))? *"
        )
    };
}

/// The rule of [`SemverReq`]: whatever `semver::VersionReq` parses. Its
/// pattern is that grammar (a lone wildcard, or 1 to 32 comma-separated
/// comparators), so validators in other languages agree with the code.
pub const SEMVER_REQ_RULE: IdRule = IdRule::new("must be a SemVer version requirement", |_| true)
    // Every character passes this step (the parser below is the rule).
    .with_ascii_table(&[true; 128], true)
    .with_pattern(concat!(
        r"^ *(?:[*Xx] *|",
        semver_comparator!(),
        r"(?:, *",
        semver_comparator!(),
        r"){0,31})(?![\s\S])"
    ))
    .with_extra(|s| {
        if comparators_parse(s) {
            return Ok(());
        }
        // The rejected text is not echoed: messages never carry the value.
        semver::VersionReq::parse(s)
            .map(|_| ())
            .map_err(|e| format!("must be a SemVer version requirement ({e})"))
    })
    .with_examples(&["^1.2", ">=1.0.0, <2.0.0", "*", "~0.3.1", "=1.2.3", "1"]);

/// Whether `s` is 1 to 32 comma-separated comparators that each parse:
/// exactly when `semver::VersionReq::parse` accepts it, short of the lone
/// wildcard (left to that parser), and without building the `Vec` it returns.
/// A comparator never contains a comma, and both parsers skip the same spaces
/// before each one.
fn comparators_parse(s: &str) -> bool {
    let text = s.trim_start_matches(' ');
    if text.starts_with(['*', 'x', 'X']) {
        return false;
    }
    if plain_requirement(text.as_bytes()) {
        return true;
    }
    let mut count = 0;
    text.split(',').all(|part| {
        count += 1;
        count <= 32
            && (plain_comparator(part.as_bytes(), 0) == Some(part.len())
                || part.parse::<semver::Comparator>().is_ok())
    })
}

/// Whether `s` is certainly 1 to 32 comma-separated plain comparators (see
/// [`plain_comparator`]), read in one pass; `false` means "ask `semver`".
fn plain_requirement(s: &[u8]) -> bool {
    let mut i = 0;
    for _ in 0..32 {
        let Some(end) = plain_comparator(s, i) else {
            return false;
        };
        match s.get(end) {
            None => return true,
            Some(b',') => i = end + 1,
            Some(_) => return false,
        }
    }
    false
}

/// Where the comparator starting at `s[i..]` ends (after its trailing spaces),
/// when it is certainly one `semver` accepts, in the shape almost every
/// manifest writes: spaces, an optional operator (`=`, `>`, `>=`, `<`, `<=`,
/// `~`, `^`), spaces, one to three dot-separated numbers (no leading zero, at
/// most 19 digits, so within `u64`), spaces. `None` only means "not this
/// shape": the caller then asks `semver` (wildcards, pre-releases, ...).
fn plain_comparator(s: &[u8], mut i: usize) -> Option<usize> {
    let skip_spaces = |mut i: usize| {
        while s.get(i) == Some(&b' ') {
            i += 1;
        }
        i
    };
    i = skip_spaces(i);
    match s.get(i) {
        Some(b'=' | b'~' | b'^') => i += 1,
        Some(b'>' | b'<') => i += if s.get(i + 1) == Some(&b'=') { 2 } else { 1 },
        _ => {}
    }
    i = skip_spaces(i);
    for number in 0..3 {
        let start = i;
        while s.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let digits = i - start;
        if digits == 0 || digits > 19 || (digits > 1 && s[start] == b'0') {
            return None;
        }
        if number < 2 && s.get(i) == Some(&b'.') {
            i += 1;
        } else {
            break;
        }
    }
    Some(skip_spaces(i))
}

/// The rule of [`RedactionPath`]: starts with `$`, no control characters.
pub const REDACTION_PATH_RULE: IdRule =
    IdRule::new("must not contain control characters", |c| !c.is_control())
        .with_pattern(r"^\$[^\u0000-\u001F\u007F-\u009F]*(?![\s\S])")
        .with_extra(|s| {
            if s.starts_with('$') {
                Ok(())
            } else {
                Err("must start with '$'".to_string())
            }
        })
        .with_examples(&["$", "$.payload.card", "$.headers['x-api-key']"]);

impl SemverReq {
    /// Parses a requirement, keeping the text verbatim (same as [`SemverReq::new`]).
    pub fn parse(value: impl AsRef<str>) -> crate::GResult<Self> {
        Self::new(value)
    }

    /// The parsed requirement.
    pub fn to_version_req(&self) -> semver::VersionReq {
        // The rule guarantees the text parses; an error here would be a bug in
        // `semver` itself, so fall back to the requirement matching nothing.
        semver::VersionReq::parse(self.as_str()).unwrap_or_else(|_| semver::VersionReq {
            comparators: alloc::vec![semver::Comparator {
                op: semver::Op::Exact,
                major: u64::MAX,
                minor: None,
                patch: None,
                pre: semver::Prerelease::EMPTY,
            }],
        })
    }
}

impl RedactionPath {
    /// Parses a redaction path (same as [`RedactionPath::new`]).
    pub fn parse(value: impl AsRef<str>) -> crate::GResult<Self> {
        Self::new(value)
    }
}

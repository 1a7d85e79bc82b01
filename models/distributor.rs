//! The distributor: resolving a pack's component to a verified, cached artifact.
//!
//! ```
//! use greentic_types::{ArtifactLocation, ComponentDigest, ResolveComponentResponse};
//!
//! let resp: ResolveComponentResponse = serde_json::from_str(r#"{
//!     "status": "ready",
//!     "digest": "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
//!     "artifact": {"kind": "oci_reference", "reference": "ghcr.io/acme/c@sha256:01"},
//!     "signature": {"verified": true, "signer": "acme", "extra": null},
//!     "cache": {"size_bytes": 1024, "last_used_utc": "2024-01-01T00:00:00Z",
//!               "last_refreshed_utc": "2024-01-01T00:00:00Z"}
//! }"#)?;
//! assert!(resp.digest.is_sha256_like());
//! assert!(matches!(resp.artifact, ArtifactLocation::OciReference { .. }));
//! assert!(!ComponentDigest::from("sha256:ABC").is_sha256_like());
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! 0.4.13 published no schema for these documents; each now has one
//! (`resolve-component-request`, `artifact-location`, ...). The wire is
//! unchanged: identifiers and digests are unvalidated strings, cache times free
//! strings.

use alloc::string::String;

use crate::{TenantCtx, greentic_model};

greentic_model! {
    /// Identifier of a distributor environment (an unvalidated string).
    #[schema = "distributor-environment-id"]
    #[serde(transparent)]
    #[derive(Eq, Hash, PartialOrd, Ord)]
    pub struct DistributorEnvironmentId(pub String);

    /// A component artifact's digest, e.g. `sha256:<64 hex>` (an unvalidated string).
    #[schema = "component-digest"]
    #[serde(transparent)]
    #[derive(Eq, Hash, PartialOrd, Ord)]
    pub struct ComponentDigest(pub String);

    /// Where a resolved component stands.
    #[schema = "component-status"]
    #[serde(rename_all = "snake_case")]
    #[derive(Eq, Hash)]
    pub enum ComponentStatus {
        /// Being fetched or verified.
        Pending,
        /// Usable.
        Ready,
        /// Could not be made usable.
        Failed {
            /// Why.
            reason: String,
        },
    }

    /// Where a component artifact can be read (tagged by `kind`).
    #[schema = "artifact-location"]
    #[serde(tag = "kind", rename_all = "snake_case")]
    #[derive(Eq, Hash)]
    pub enum ArtifactLocation {
        /// A local file.
        FilePath {
            /// The file's path.
            path: String,
        },
        /// An OCI image reference.
        OciReference {
            /// The reference.
            reference: String,
        },
        /// An artifact held by the distributor itself.
        DistributorInternal {
            /// The distributor's handle.
            handle: String,
        },
    }

    /// The outcome of checking an artifact's signature.
    #[schema = "signature-summary"]
    #[derive(Eq)]
    pub struct SignatureSummary {
        /// Whether the signature verified.
        pub verified: bool,
        /// Who signed.
        pub signer: String,
        /// Free-form extra data (required; may be `null`).
        pub extra: serde_json::Value,
    }

    /// The distributor's cache entry for an artifact.
    #[schema = "cache-info"]
    #[derive(Eq, Hash)]
    pub struct CacheInfo {
        /// Size on disk, in bytes.
        pub size_bytes: u64,
        /// Last use (a free string, ISO 8601 by convention).
        pub last_used_utc: String,
        /// Last refresh (a free string, ISO 8601 by convention).
        pub last_refreshed_utc: String,
    }

    /// A request to resolve a pack's component in a distributor environment.
    #[schema = "resolve-component-request"]
    #[derive(Eq)]
    pub struct ResolveComponentRequest {
        /// The tenant context.
        pub tenant: TenantCtx,
        /// The distributor environment.
        pub environment_id: DistributorEnvironmentId,
        /// The pack.
        pub pack_id: String,
        /// The component.
        pub component_id: String,
        /// The component version or requirement.
        pub version: String,
        /// Free-form extra data (required; may be `null`).
        pub extra: serde_json::Value,
    }

    /// The distributor's answer to a resolve request.
    #[schema = "resolve-component-response"]
    #[derive(Eq)]
    pub struct ResolveComponentResponse {
        /// Where the component stands.
        pub status: ComponentStatus,
        /// The artifact's digest.
        pub digest: ComponentDigest,
        /// Where the artifact can be read.
        pub artifact: ArtifactLocation,
        /// The signature check.
        pub signature: SignatureSummary,
        /// The cache entry.
        pub cache: CacheInfo,
    }
}

string_key_impls!(DistributorEnvironmentId);
string_key_impls!(ComponentDigest);

impl ComponentDigest {
    /// Whether the digest reads `sha256:` then exactly 64 lowercase hex digits.
    pub fn is_sha256_like(&self) -> bool {
        self.0.strip_prefix("sha256:").is_some_and(|hex| {
            hex.len() == 64 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        })
    }
}

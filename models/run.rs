//! Run reports: what a runner writes when a flow run ends.
//!
//! ```
//! use greentic_types::{RunResult, RunStatus};
//!
//! let report: RunResult = serde_json::from_str(r#"{
//!     "session_id": "s-1", "pack_id": "greentic.demo", "pack_version": "1.2.0",
//!     "flow_id": "checkout", "status": "success",
//!     "started_at_utc": "2023-11-14T22:13:20Z",
//!     "finished_at_utc": [2023, 318, 22, 13, 21, 500000000, 0, 0, 0]
//! }"#)?;
//! assert_eq!(report.status, RunStatus::Success);
//! assert_eq!(report.duration_ms(), 1_500);
//! // Written back as RFC 3339, whichever form it was read from.
//! let out = serde_json::to_value(&report)?;
//! assert_eq!(out["finished_at_utc"], "2023-11-14T22:13:21.5Z");
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! Changes from 0.4.13: `started_at_utc`/`finished_at_utc` are
//! [`Timestamp`]s, written as RFC 3339 strings (what the
//! published schema always said) instead of `time`'s 9-integer array; the
//! array is still read. `RunResult` no longer depends on the `time` feature.
//! Code that assigned a `time::OffsetDateTime` to those fields adds `.into()`
//! (`From<OffsetDateTime> for Timestamp`, feature `time`), and reads one back
//! with `OffsetDateTime::from(ts)`.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use crate::{ComponentId, FlowId, NodeId, PackId, SessionKey, Timestamp, greentic_model};

greentic_model! {
    /// How a whole run ended.
    #[schema = "run-status"]
    #[serde(rename_all = "snake_case")]
    #[derive(Copy, Eq, Hash)]
    pub enum RunStatus {
        /// Every node succeeded.
        Success,
        /// Some nodes failed, the run still produced a result.
        PartialFailure,
        /// The run failed.
        Failure,
    }

    /// How one node of a run ended.
    #[schema = "node-status"]
    #[serde(rename_all = "snake_case")]
    #[derive(Copy, Eq, Hash)]
    pub enum NodeStatus {
        /// The node succeeded.
        Ok,
        /// The node did not run.
        Skipped,
        /// The node failed.
        Error,
    }

    /// One node's line in a run report.
    #[schema = "node-summary"]
    #[derive(Eq, Hash)]
    pub struct NodeSummary {
        /// The node.
        pub node_id: NodeId,
        /// The component the node ran.
        pub component: ComponentId,
        /// How the node ended.
        pub status: NodeStatus,
        /// How long the node ran, in milliseconds.
        pub duration_ms: u64,
    }

    /// A byte range of the run transcript (start and end are not checked against each other).
    #[schema = "transcript-offset"]
    #[derive(Copy, Eq, Hash)]
    pub struct TranscriptOffset {
        /// First byte.
        pub start: u64,
        /// End byte.
        pub end: u64,
    }

    /// One failure recorded in a run report.
    #[schema = "node-failure"]
    #[derive(Eq, Hash)]
    pub struct NodeFailure {
        /// Machine-readable failure code.
        pub code: String,
        /// Human-readable message.
        pub message: String,
        /// Extra string details.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        pub details: BTreeMap<String, String>,
        /// Where the failure shows in the transcript.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub transcript_offsets: Vec<TranscriptOffset>,
        /// Log files that tell more.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub log_paths: Vec<String>,
    }

    /// The report of one flow run: what ran, when, and how it ended.
    #[schema = "run-result"]
    #[derive(Eq, Hash)]
    pub struct RunResult {
        /// The session the run belongs to.
        pub session_id: SessionKey,
        /// The pack the flow comes from.
        pub pack_id: PackId,
        /// The pack's version.
        pub pack_version: semver::Version,
        /// The flow that ran.
        pub flow_id: FlowId,
        /// When the run started (RFC 3339; the legacy 9-integer array is also read).
        pub started_at_utc: Timestamp,
        /// When the run finished (RFC 3339; the legacy 9-integer array is also read).
        pub finished_at_utc: Timestamp,
        /// How the run ended.
        pub status: RunStatus,
        /// One line per node that ran.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub node_summaries: Vec<NodeSummary>,
        /// The failures.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub failures: Vec<NodeFailure>,
        /// Where the run's artifacts were written.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub artifacts_dir: Option<String>,
    }
}

impl RunResult {
    /// How long the run took: whole milliseconds from start to finish, 0 when
    /// the finish is before the start (saturating at `u64::MAX`).
    pub fn duration_ms(&self) -> u64 {
        let nanos = self
            .finished_at_utc
            .unix_nanos()
            .saturating_sub(self.started_at_utc.unix_nanos());
        u64::try_from(nanos / 1_000_000).unwrap_or(if nanos < 0 { 0 } else { u64::MAX })
    }
}

//! Where a service runs (cloud, region, platform, runtime), beside the tenant
//! context it runs for (re-exported here, as in 0.4.13's `context` module).
//!
//! ```
//! use greentic_types::context::{Cloud, DeploymentCtx, Platform};
//!
//! let here = DeploymentCtx::new(Cloud::Aws, Platform::K8s).with_region("eu-west-1");
//! assert_eq!(here.region.as_deref(), Some("eu-west-1"));
//! ```

use alloc::string::String;

use crate::greentic_model;

pub use crate::tenant::TenantCtx;

greentic_model! {
    /// Cloud provider (written as its PascalCase name, e.g. `"Aws"`).
    ///
    /// A name this list does not know is an error, as in 0.4.13: reading it as
    /// `Other` would lose it when the document is written back. `"Other"` is
    /// the explicit spelling. Not `#[non_exhaustive]`, so that code written
    /// against 0.4.13 that matches it exhaustively keeps compiling.
    #[schema = "cloud"]
    #[derive(Copy, Eq, Hash)]
    pub enum Cloud {
        /// Amazon Web Services.
        Aws,
        /// Google Cloud Platform.
        Gcp,
        /// Microsoft Azure.
        Azure,
        /// Hetzner.
        Hetzner,
        /// A developer machine.
        Local,
        /// Anything else.
        Other,
    }

    /// Execution platform (written as its PascalCase name, e.g. `"CfWorkers"`).
    ///
    /// A name this list does not know is an error, as in 0.4.13 (see `Cloud`).
    #[schema = "platform"]
    #[derive(Copy, Eq, Hash)]
    pub enum Platform {
        /// Kubernetes.
        K8s,
        /// HashiCorp Nomad.
        Nomad,
        /// systemd units.
        Systemd,
        /// Cloudflare Workers.
        CfWorkers,
        /// AWS Lambda.
        Lambda,
        /// Bare metal.
        Baremetal,
        /// Anything else.
        Other,
    }

    /// Where a service runs.
    #[schema = "deployment-ctx"]
    #[derive(Eq, Hash)]
    pub struct DeploymentCtx {
        /// Cloud provider.
        pub cloud: Cloud,
        /// Region; written as `null` when unknown.
        pub region: Option<String>,
        /// Platform.
        pub platform: Platform,
        /// Runtime (e.g. a WASI host version); written as `null` when unknown.
        pub runtime: Option<String>,
    }
}

impl DeploymentCtx {
    /// A deployment on `platform` in `cloud`, region and runtime unknown.
    pub fn new(cloud: Cloud, platform: Platform) -> Self {
        Self {
            cloud,
            region: None,
            platform,
            runtime: None,
        }
    }

    /// Sets the region.
    pub fn with_region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sets the runtime.
    pub fn with_runtime(mut self, runtime: impl Into<String>) -> Self {
        self.runtime = Some(runtime.into());
        self
    }
}

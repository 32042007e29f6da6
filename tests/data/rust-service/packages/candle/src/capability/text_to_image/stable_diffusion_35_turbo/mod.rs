//! Fixture written for the MemSpec Studio tests: shaped like the service's files, not copied from them.

mod config;

pub use config::SD35_TURBO_MODEL_INFO;

pub struct StableDiffusion35Turbo;

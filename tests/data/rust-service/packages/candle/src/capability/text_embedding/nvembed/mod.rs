//! Fixture written for the MemSpec Studio tests: shaped like the service's files, not copied from them.

mod config;

pub use config::NVEMBED_MODEL_INFO;

/// Latent-attention pooling lives in the model code, not here.
pub struct NvEmbedModel;

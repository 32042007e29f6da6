//! Fixture written for the MemSpec Studio tests: shaped like the service's files, not copied from them.

use std::num::NonZeroU32;

use crate::domain::model::{CandleModelInfo, CandleProvider};

pub static FLUX_SCHNELL_MODEL_INFO: CandleModelInfo = CandleModelInfo {
    provider: CandleProvider::BlackForestLabs,
    name: "FLUX.1-schnell",
    registry_key: "black-forest-labs/FLUX.1-schnell",
    quantization_url: None,
    max_input_tokens: NonZeroU32::new(8192),
    max_output_tokens: None,
    input_price: None,
    output_price: None,
    supports_vision: false,
    supports_function_calling: false,
    supports_streaming: false,
    supports_embeddings: false,
    requires_max_tokens: false,
    supports_thinking: false,
    optimal_thinking_budget: None,
    system_prompt_prefix: None,
    real_name: None,
    model_type: None,
    model_id: "flux-schnell",
    quantization: "none",
    patch: None,
    embedding_dimension: None,
    vocab_size: None,
    image_size: Some(1024),
    image_mean: None,
    image_std: None,
    default_temperature: None,
    default_top_k: None,
    default_top_p: None,
    supports_kv_cache: false,
    supports_flash_attention: false,
    use_bf16: true,
    default_steps: Some(4),
    default_guidance_scale: Some(0.0),
    time_shift: None,
    est_memory_allocation_mb: 0,
};

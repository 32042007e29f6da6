//! Fixture written for the MemSpec Studio tests: shaped like the service's files, not copied from them.

use std::num::NonZeroU32;

use crate::domain::model::{CandleModelInfo, CandleProvider};

pub static PHI4_REASONING_MODEL_INFO: CandleModelInfo = CandleModelInfo {
    provider: CandleProvider::Unsloth,
    name: "phi-4-reasoning",
    registry_key: "unsloth/phi-4-reasoning",
    quantization_url: Some("unsloth/Phi-4-reasoning-GGUF"),
    max_input_tokens: NonZeroU32::new(32768),
    max_output_tokens: NonZeroU32::new(32768),
    input_price: None,
    output_price: None,
    supports_vision: false,
    supports_function_calling: false,
    supports_streaming: true,
    supports_embeddings: false,
    requires_max_tokens: false,
    supports_thinking: true,
    optimal_thinking_budget: Some(1024),
    system_prompt_prefix: None,
    real_name: None,
    model_type: None,
    model_id: "phi-4-reasoning",
    quantization: "Q4_K_M",
    patch: None,
    embedding_dimension: None,
    vocab_size: Some(100352),
    image_size: None,
    image_mean: None,
    image_std: None,
    default_temperature: Some(0.8),
    default_top_k: None,
    default_top_p: Some(0.95),
    supports_kv_cache: true,
    supports_flash_attention: false,
    use_bf16: false,
    default_steps: None,
    default_guidance_scale: None,
    time_shift: None,
    est_memory_allocation_mb: 7200, // 7.2GB
};

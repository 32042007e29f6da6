//! Fixture written for the MemSpec Studio tests: shaped like the service's files, not copied from them.

use std::num::NonZeroU32;

use crate::domain::model::{CandleModelInfo, CandleProvider};

pub static LLAVA_MODEL_INFO: CandleModelInfo = CandleModelInfo {
    provider: CandleProvider::LLaVAHF,
    name: "llava-1.5-7b-hf",
    registry_key: "llava-hf/llava-1.5-7b-hf",
    quantization_url: None,
    max_input_tokens: NonZeroU32::new(4096),
    max_output_tokens: None,
    input_price: None,
    output_price: None,
    supports_vision: true,
    supports_function_calling: false,
    supports_streaming: true,
    supports_embeddings: false,
    requires_max_tokens: false,
    supports_thinking: false,
    optimal_thinking_budget: None,
    system_prompt_prefix: None,
    real_name: None,
    model_type: None,
    model_id: "llava-1.5-7b",
    quantization: "none",
    patch: None,
    embedding_dimension: None,
    vocab_size: None,
    image_size: Some(336),
    image_mean: None,
    image_std: None,
    default_temperature: None,
    default_top_k: None,
    default_top_p: None,
    supports_kv_cache: true,
    supports_flash_attention: false,
    use_bf16: false,
    default_steps: None,
    default_guidance_scale: None,
    time_shift: None,
    est_memory_allocation_mb: 1_600 /* ~1.6 GB */,
};

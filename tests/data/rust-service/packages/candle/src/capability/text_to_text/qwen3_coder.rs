//! Fixture written for the MemSpec Studio tests: shaped like the service's files, not copied from them.

use std::num::NonZeroU32;

use crate::domain::model::{CandleModelInfo, CandleProvider};

// Q4_0 below is what the code says; the loader picks the Q4_K_M file.
pub static QWEN3_CODER_MODEL_INFO: CandleModelInfo = CandleModelInfo {
    provider: CandleProvider::Unsloth,
    name: "Qwen3-Coder-30B-A3B-Instruct",
    registry_key: "unsloth/Qwen3-Coder-30B-A3B-Instruct-GGUF", // the GGUF repo, not Qwen/…
    quantization_url: None,
    max_input_tokens: NonZeroU32::new(32768),
    max_output_tokens: None,
    input_price: None,
    output_price: None,
    supports_vision: false,
    supports_function_calling: false,
    supports_streaming: true,
    supports_embeddings: false,
    requires_max_tokens: false,
    supports_thinking: false,
    optimal_thinking_budget: None,
    system_prompt_prefix: None,
    real_name: None,
    model_type: None,
    model_id: "qwen3-coder-30b",
    quantization: "Q4_0",
    patch: None,
    embedding_dimension: None,
    vocab_size: None,
    image_size: None,
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
};

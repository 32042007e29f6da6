//! Fixture written for the MemSpec Studio tests: shaped like the service's files, not copied from them.

use std::num::NonZeroU32;

use crate::domain::model::{CandleModelInfo, CandleProvider};

/// Tokenizer settings: a different struct that also carries the field; never a model static.
pub struct TokenizerConfig {
    pub registry_key: &'static str,
    pub est_memory_allocation_mb: usize,
}

pub static BERT_TOKENIZER_CONFIG: TokenizerConfig = TokenizerConfig {
    registry_key: "sentence-transformers/all-MiniLM-L6-v2",
    est_memory_allocation_mb: 0,
};

pub(crate) static BERT_EMBEDDING_MODEL_INFO: CandleModelInfo = CandleModelInfo {
    provider: CandleProvider::SentenceTransformers,
    name: "all-MiniLM-L6-v2",
    registry_key: "sentence-transformers/all-MiniLM-L6-v2",
    quantization_url: None,
    max_input_tokens: NonZeroU32::new(512),
    max_output_tokens: None,
    input_price: None,
    output_price: None,
    supports_vision: false,
    supports_function_calling: false,
    supports_streaming: false,
    supports_embeddings: true,
    requires_max_tokens: false,
    supports_thinking: false,
    optimal_thinking_budget: None,
    system_prompt_prefix: None,
    real_name: None,
    model_type: None,
    model_id: "all-minilm-l6-v2",
    quantization: "none",
    patch: None,
    embedding_dimension: Some(384),
    vocab_size: None,
    image_size: None,
    image_mean: None,
    image_std: None,
    default_temperature: None,
    default_top_k: None,
    default_top_p: None,
    supports_kv_cache: false,
    supports_flash_attention: false,
    use_bf16: false,
    default_steps: None,
    default_guidance_scale: None,
    time_shift: None,
};

#[cfg(test)]
mod tests {
    // A comment that mentions registry_key: "microsoft/phi-4" and est_memory_allocation_mb: 9 must not match.
    const EXAMPLE: &str = "static X: CandleModelInfo = CandleModelInfo { registry_key: \"openai/clip-vit-base-patch32\" };";

    #[test]
    fn example_is_text() {
        assert!(EXAMPLE.contains('{'));
    }
}

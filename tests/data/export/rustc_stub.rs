// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// A compile-only stub of the service's CandleModelInfo (the 36 fields of reference/target-codebase.md, in order)
// and CandleProvider, with serde replaced by a local Value type, so patched statics can be type-checked by rustc.
#![allow(dead_code, unused_imports, unused_variables)]

pub mod serde_json {
    #[derive(Debug, Clone, PartialEq)]
    pub enum Value {
        Null,
    }
}

pub mod domain {
    pub mod model {
        use std::num::NonZeroU32;

        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum CandleProvider {
            MoonshotAI,
            Microsoft,
            AlibabaNLP,
            StabilityAI,
            BlackForestLabs,
            OpenAI,
            SentenceTransformers,
            JinaAI,
            Nvidia,
            Dunzhang,
            LLaVAHF,
            Unsloth,
            LAION,
            Google,
            Community,
        }

        #[derive(Debug, Clone, PartialEq)]
        pub struct CandleModelInfo {
            pub provider: CandleProvider,
            pub name: &'static str,
            pub registry_key: &'static str,
            pub quantization_url: Option<&'static str>,
            pub max_input_tokens: Option<NonZeroU32>,
            pub max_output_tokens: Option<NonZeroU32>,
            pub input_price: Option<f64>,
            pub output_price: Option<f64>,
            pub supports_vision: bool,
            pub supports_function_calling: bool,
            pub supports_streaming: bool,
            pub supports_embeddings: bool,
            pub requires_max_tokens: bool,
            pub supports_thinking: bool,
            pub optimal_thinking_budget: Option<u32>,
            pub system_prompt_prefix: Option<String>,
            pub real_name: Option<String>,
            pub model_type: Option<String>,
            pub model_id: &'static str,
            pub quantization: &'static str,
            pub patch: Option<crate::serde_json::Value>,
            pub embedding_dimension: Option<u32>,
            pub vocab_size: Option<u32>,
            pub image_size: Option<u32>,
            pub image_mean: Option<[f32; 3]>,
            pub image_std: Option<[f32; 3]>,
            pub default_temperature: Option<f64>,
            pub default_top_k: Option<u32>,
            pub default_top_p: Option<f64>,
            pub supports_kv_cache: bool,
            pub supports_flash_attention: bool,
            pub use_bf16: bool,
            pub default_steps: Option<u32>,
            pub default_guidance_scale: Option<f64>,
            pub time_shift: Option<f64>,
            pub est_memory_allocation_mb: usize,
        }
    }
}

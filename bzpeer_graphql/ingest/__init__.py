"""Getting data in: records, the one batched writer, and the sources (seed, OpenAlex, synthetic)."""

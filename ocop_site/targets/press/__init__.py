"""Press kits: per product a short and a long description in both languages, key facts, the producer's
contact and the original photos with credit and terms of use, as pages (/press/<slug>/) and one zip."""

"""The instrument engine: instruments are versioned data files, validated on load and scored here."""

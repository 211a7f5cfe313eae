"""Operating protocols and information-sharing agreements: versioned documents and the agencies that signed them."""

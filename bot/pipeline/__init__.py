"""The check pipeline every surface runs: PDF -> pages -> sentences -> figures and evidence -> levels."""

"""The sample site's illustrations: drawn, not photographed, captioned 示意图."""

"""Build tools of the bilingual edition: raw witness → cleaned blocks → aligned document → outputs.

Stages, one module each: :mod:`witnesses` (raw files and checksums), :mod:`records`
(edition records), :mod:`cleaning` (named layout rules and the strip report),
:mod:`segmentation` (lines → blocks), :mod:`alignment` (block IDs shared by all versions),
:mod:`markdown_out`, :mod:`json_out` (outputs) and :mod:`site` (the engine run).
"""

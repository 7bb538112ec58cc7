"""Files → loaded documents with source positions → validated models.

Reading files safely and writing them through one writer (:mod:`~journeyctl.loading.files`),
YAML with positions (:mod:`~journeyctl.loading.yamlload`), recognising what a file is,
the configuration, validation and references (JM001–JM004), and the workspace that
gathers the maps, catalogs and teams of a folder.
"""

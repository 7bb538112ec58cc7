"""What journeyctl writes for people and tools: lint reports, renderings of journeys
(Graphviz, Mermaid, the Markdown report) and the files of a new workspace."""

"""What a validated journey means as a graph: its transitions, reachability and paths."""

"""The linter and its rules: findings about journeys, with the selection of rules and
the suppression comments that decide which findings are reported."""

"""The Pulumi resources: one module per resource (inputs model, provider, resource class)."""

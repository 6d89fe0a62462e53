"""The data standard (schemas and codelists) and the generated copies packages carry."""

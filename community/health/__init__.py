"""/healthz: is this worker fit to serve? For load balancers and monitoring."""

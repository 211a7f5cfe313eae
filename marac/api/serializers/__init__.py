"""What the API reads and writes. Serializers shape data only: the rules stay in the services and the policy."""

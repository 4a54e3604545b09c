# The Apache Kafka versions scripts/install-kafka installs and scripts/kafka runs
# (sourced by both). KAFKA_MAIN is required; KAFKA_OLD is the newest 3.9.x that
# resolved on Maven Central when this was pinned (3.9.2; there is no 3.9.3), and
# is optional: install-kafka goes on without it.
KAFKA_MAIN=4.4.0
KAFKA_OLD=3.9.2

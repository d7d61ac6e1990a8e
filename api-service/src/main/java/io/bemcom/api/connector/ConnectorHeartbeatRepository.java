package io.bemcom.api.connector;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ConnectorHeartbeatRepository extends JpaRepository<ConnectorHeartbeat, Long> {
}

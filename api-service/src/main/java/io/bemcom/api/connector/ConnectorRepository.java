package io.bemcom.api.connector;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ConnectorRepository extends JpaRepository<Connector, Long> {

    Optional<Connector> findByName(String name);
}

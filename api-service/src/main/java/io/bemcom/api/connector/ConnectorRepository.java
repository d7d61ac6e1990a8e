package io.bemcom.api.connector;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ConnectorRepository extends JpaRepository<Connector, Long> {

    Optional<Connector> findByName(String name);

    /** One page of the connectors whose name contains {@code text}, ignoring case ({@code % _} match themselves). */
    Page<Connector> findByNameContainingIgnoreCase(String text, Pageable page);
}

package io.bemcom.api.connector;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ConnectorLogEntryRepository extends JpaRepository<ConnectorLogEntry, Long> {

    List<ConnectorLogEntry> findByConnectorIdOrderByTimestampAsc(Long connectorId);

    List<ConnectorLogEntry> findByConnectorIdOrderByTimestampDesc(Long connectorId,
                                                                 org.springframework.data.domain.Pageable page);
}

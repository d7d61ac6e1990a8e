package io.bemcom.api.connector;

import java.util.List;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

public interface ConnectorLogEntryRepository extends JpaRepository<ConnectorLogEntry, Long>,
        JpaSpecificationExecutor<ConnectorLogEntry> {

    List<ConnectorLogEntry> findByConnectorIdOrderByTimestampAsc(Long connectorId);

    List<ConnectorLogEntry> findByConnectorIdOrderByTimestampDesc(Long connectorId, Pageable page);

    /** The emitters that occur, in order, one page of them. */
    @Query("select distinct l.emitter from ConnectorLogEntry l where l.emitter is not null order by l.emitter")
    List<String> findEmitters(Pageable page);
}

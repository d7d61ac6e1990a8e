package io.bemcom.api.datapoint;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface DatapointRepository extends JpaRepository<Datapoint, Long> {

    @Query("select d from Datapoint d join fetch d.connector where d.active = true order by d.id")
    List<Datapoint> findAllActive();

    @Query("select d from Datapoint d join fetch d.connector c where c.id = ?1 and d.active = true order by d.id")
    List<Datapoint> findActiveByConnector(Long connectorId);

    List<Datapoint> findByConnectorIdAndKeyInConnector(Long connectorId, String keyInConnector);

    Optional<Datapoint> findByConnectorIdAndKeyInConnectorAndType(Long connectorId, String keyInConnector,
                                                                 String type);

    List<Datapoint> findByConnectorId(Long connectorId);

    Optional<Datapoint> findByShortName(String shortName);
}

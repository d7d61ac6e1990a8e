package io.bemcom.api.datapoint;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

public interface DatapointRepository extends JpaRepository<Datapoint, Long>, JpaSpecificationExecutor<Datapoint> {

    /** One page of the datapoints that meet {@code conditions} ({@link DatapointSpecifications}), with their connectors. */
    @Override
    @EntityGraph(attributePaths = "connector")
    Page<Datapoint> findAll(Specification<Datapoint> conditions, Pageable page);

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

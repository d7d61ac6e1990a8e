package io.bemcom.api.controller;

import java.util.List;

import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

public interface ControlledDatapointLinkRepository extends JpaRepository<ControlledDatapointLink, Long>,
        JpaSpecificationExecutor<ControlledDatapointLink> {

    List<ControlledDatapointLink> findByControllerIdOrderById(Long controllerId);

    /** Condition for {@link #findAll(Specification, org.springframework.data.domain.Sort)}: of this controller. */
    static Specification<ControlledDatapointLink> ofController(long controllerId) {
        return (root, query, cb) -> cb.equal(root.get("controller").get("id"), controllerId);
    }

    /** Condition for {@link #findAll(Specification, org.springframework.data.domain.Sort)}: active or not. */
    static Specification<ControlledDatapointLink> active(boolean active) {
        return (root, query, cb) -> cb.equal(root.get("active"), active);
    }
}

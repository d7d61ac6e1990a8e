package io.bemcom.api.controller;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ControlledDatapointLinkRepository extends JpaRepository<ControlledDatapointLink, Long> {

    List<ControlledDatapointLink> findByControllerIdOrderById(Long controllerId);
}

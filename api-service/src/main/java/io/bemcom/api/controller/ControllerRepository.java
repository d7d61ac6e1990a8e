package io.bemcom.api.controller;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ControllerRepository extends JpaRepository<Controller, Long> {

    Optional<Controller> findByName(String name);

    boolean existsByMqttTopicControlledDatapoints(String topic);
}

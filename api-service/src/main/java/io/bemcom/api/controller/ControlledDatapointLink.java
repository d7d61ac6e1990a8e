package io.bemcom.api.controller;

import io.bemcom.api.datapoint.Datapoint;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A sensor/actuator pair a controller keeps in line (the original's ControlledDatapoint). */
@Entity
@Table(name = "controlled_datapoint")
public class ControlledDatapointLink {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "controller_id", nullable = false)
    private Controller controller;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "sensor_datapoint_id", nullable = false)
    private Datapoint sensorDatapoint;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "actuator_datapoint_id", nullable = false)
    private Datapoint actuatorDatapoint;

    @Column(name = "is_active", nullable = false)
    private boolean active = true;

    protected ControlledDatapointLink() {
    }

    public ControlledDatapointLink(Controller controller, Datapoint sensor, Datapoint actuator, boolean active) {
        this.controller = controller;
        this.sensorDatapoint = sensor;
        this.actuatorDatapoint = actuator;
        this.active = active;
    }

    public Long getId() {
        return id;
    }

    public Controller getController() {
        return controller;
    }

    public Datapoint getSensorDatapoint() {
        return sensorDatapoint;
    }

    public Datapoint getActuatorDatapoint() {
        return actuatorDatapoint;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }
}

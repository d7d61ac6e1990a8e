package io.bemcom.api.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;

import io.bemcom.api.controller.ControlledDatapointLink;
import io.bemcom.api.controller.ControlledDatapointLinkRepository;
import io.bemcom.api.controller.ControllerRepository;
import io.bemcom.api.controller.ControllerService;
import io.bemcom.api.datapoint.Datapoint;
import io.bemcom.api.datapoint.DatapointRepository;
import io.bemcom.api.datapoint.DatapointSpecifications;
import io.bemcom.api.json.DrfFields;
import io.bemcom.api.security.Authenticator.Principal;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Controllers and their controlled datapoints (control extension). The pickers offer only
 * sensors as sensor and only actuators as actuator; every change re-publishes the controller's
 * retained message through {@link ControllerService}.
 */
@Controller
public class ControllerAdminPages {

    private final ControllerRepository controllers;
    private final ControlledDatapointLinkRepository links;
    private final ControllerService controllerService;
    private final DatapointRepository datapoints;
    private final AdminActions actions;

    /** Content type in the audit trail; controlled datapoints are logged on their controller (Django's inlines). */
    static final String CONTENT_TYPE = "controller";

    public ControllerAdminPages(ControllerRepository controllers, ControlledDatapointLinkRepository links,
                                ControllerService controllerService, DatapointRepository datapoints,
                                AdminActions actions) {
        this.actions = actions;
        this.controllers = controllers;
        this.links = links;
        this.controllerService = controllerService;
        this.datapoints = datapoints;
    }

    @AdminPermission(value = "api_main.view_controller", needs = AdminPermission.Needs.CONTROL)
    @GetMapping("/admin/controllers/")
    public String list(Model model) {
        model.addAttribute("controllers", controllers.findAll(Sort.by("name")));
        return "admin/controllers";
    }

    @AdminPermission(value = "api_main.add_controller", needs = AdminPermission.Needs.CONTROL)
    @PostMapping("/admin/controllers/add/")
    public String add(@RequestAttribute(AdminSession.PRINCIPAL) Principal me, @RequestParam(defaultValue = "") String name,
                      @RequestParam(defaultValue = "") String topic, HttpServletRequest request, Model model) {
        String trimmed = name.trim();
        String finalTopic = topic.isBlank() ? trimmed + "/controlled_datapoints" : topic.trim();
        String nameError = trimmed.isEmpty() ? "This field is required."
                : !io.bemcom.api.controller.Controller.nameFits(trimmed)
                ? DrfFields.tooLong(io.bemcom.api.controller.Controller.MAX_INDEXED_LENGTH)
                : controllers.findByName(trimmed).isPresent() ? "Controller with this Name already exists." : null;
        String topicError = controllers.existsByMqttTopicControlledDatapoints(finalTopic)
                ? "Controller with this Mqtt topic controlled datapoints already exists."
                : io.bemcom.api.controller.Controller.topicProblem(finalTopic).orElse(null);
        if (nameError != null || topicError != null) {
            model.addAttribute("nameError", nameError);
            model.addAttribute("topicError", topicError);
            model.addAttribute("name", name);
            model.addAttribute("topic", topic);
            AdminAccess.require(me, "api_main.view_controller"); // renders that page, which needs its own permission
            return list(model);
        }
        var created = controllerService.create(trimmed, finalTopic);
        actions.added(request, CONTENT_TYPE, created.getId(), trimmed);
        AdminSession.flash(request, "The controller \u201c" + trimmed + "\u201d was added successfully.");
        return "redirect:/admin/controllers/" + created.getId() + "/";
    }

    @AdminPermission(value = "api_main.view_controller", needs = AdminPermission.Needs.CONTROL)
    @GetMapping("/admin/controllers/{id}/")
    public String detail(@PathVariable long id, Model model) {
        model.addAttribute("controller", controllers.findById(id).orElseThrow(() -> new AdminAccess.NotFound("Controller " + id)));
        model.addAttribute("links", links.findByControllerIdOrderById(id));
        model.addAttribute("sensors", datapoints.findAll(DatapointSpecifications.ofType(Datapoint.SENSOR), Sort.by("id")));
        model.addAttribute("actuators", datapoints.findAll(DatapointSpecifications.ofType(Datapoint.ACTUATOR),
                Sort.by("id")));
        return "admin/controller";
    }

    @AdminPermission(value = "api_main.change_controller", needs = AdminPermission.Needs.CONTROL)
    @PostMapping("/admin/controllers/{id}/")
    public String save(@PathVariable long id,
                       @RequestParam String name, @RequestParam String topic, HttpServletRequest request) {
        var before = controllers.findById(id).orElseThrow(() -> new AdminAccess.NotFound("Controller " + id));
        Map<String, Object> old = fields(before.getName(), before.getMqttTopicControlledDatapoints());
        controllerService.update(id, name.trim(), topic.trim());
        actions.changed(request, CONTENT_TYPE, id, name.trim(), old, fields(name.trim(), topic.trim()));
        AdminSession.flash(request, "The controller was changed successfully.");
        return "redirect:/admin/controllers/" + id + "/";
    }

    @AdminPermission(value = "api_main.delete_controller", needs = AdminPermission.Needs.CONTROL)
    @PostMapping("/admin/controllers/{id}/delete/")
    public String delete(@PathVariable long id,
                         HttpServletRequest request) {
        var controller = controllers.findById(id).orElseThrow(() -> new AdminAccess.NotFound("Controller " + id));
        controllerService.delete(id);
        actions.deleted(request, CONTENT_TYPE, id, controller.getName());
        AdminSession.flash(request, "The controller was deleted; its retained message was cleared.");
        return "redirect:/admin/controllers/";
    }

    @AdminPermission(value = "api_main.add_controlleddatapoint", needs = AdminPermission.Needs.CONTROL)
    @PostMapping("/admin/controllers/{id}/links/")
    public String addLink(@RequestAttribute(AdminSession.PRINCIPAL) Principal me, @PathVariable long id,
                          @RequestParam(required = false) Long sensor, @RequestParam(required = false) Long actuator,
                          HttpServletRequest request, Model model) {
        Datapoint s = sensor == null ? null : datapoints.findById(sensor).orElse(null);
        Datapoint a = actuator == null ? null : datapoints.findById(actuator).orElse(null);
        if (s == null || a == null || !Datapoint.SENSOR.equals(s.getType()) || !a.isActuator()) {
            model.addAttribute("linkError", "Choose a sensor datapoint as sensor and an actuator datapoint as actuator.");
            AdminAccess.require(me, "api_main.view_controller"); // renders that page, which needs its own permission
            return detail(id, model);
        }
        controllerService.addControlledDatapoint(id, sensor, actuator, true);
        actions.changed(request, CONTENT_TYPE, id, controllers.findById(id).map(c -> c.getName()).orElse(String.valueOf(id)),
                "Added controlled datapoint \u201c" + s + " \u2192 " + a + "\u201d.");
        AdminSession.flash(request, "The controlled datapoint was added.");
        return "redirect:/admin/controllers/" + id + "/";
    }

    /**
     * {@code op=delete} removes the controlled datapoint, any other {@code op} activates or
     * deactivates it. The permission depends on {@code op}, so this handler checks it, after
     * finding the controlled datapoint. (One route: a {@code params} condition on the mapping would
     * make Spring read every request's parameters while it looks for a handler, and so consume the
     * form bodies that the REST API reads itself.)
     */
    @AdminPermission(value = {}, needs = AdminPermission.Needs.CONTROL)
    @PostMapping("/admin/controlled/{linkId}/")
    public String changeLink(@RequestAttribute(AdminSession.PRINCIPAL) Principal me, @PathVariable long linkId,
                             @RequestParam(defaultValue = "") String op, HttpServletRequest request) {
        ControlledDatapointLink link = link(linkId);
        if (op.equals("delete")) {
            AdminAccess.require(me, "api_main.delete_controlleddatapoint");
            controllerService.removeControlledDatapoint(linkId);
            logLink(request, link, "Deleted");
        } else {
            AdminAccess.require(me, "api_main.change_controlleddatapoint");
            controllerService.setControlledDatapointActive(linkId, !link.isActive());
            logLink(request, link, "Changed is_active of");
        }
        return linkChanged(link, request);
    }

    private void logLink(HttpServletRequest request, ControlledDatapointLink link, String what) {
        actions.changed(request, CONTENT_TYPE, link.getController().getId(), link.getController().getName(),
                what + " controlled datapoint \u201c" + link.getSensorDatapoint() + " \u2192 "
                        + link.getActuatorDatapoint() + "\u201d.");
    }

    private static Map<String, Object> fields(String name, String topic) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("mqtt_topic_controlled_datapoints", topic);
        return fields;
    }

    private ControlledDatapointLink link(long linkId) {
        return links.findById(linkId).orElseThrow(() -> new AdminAccess.NotFound("Controlled datapoint " + linkId));
    }

    private static String linkChanged(ControlledDatapointLink link, HttpServletRequest request) {
        AdminSession.flash(request, "The controlled datapoint was changed.");
        String back = request.getParameter("back");
        return "redirect:" + ("list".equals(back) ? "/admin/controlled/" : "/admin/controllers/" + link.getController().getId() + "/");
    }

    @AdminPermission(value = "api_main.view_controlleddatapoint", needs = AdminPermission.Needs.CONTROL)
    @GetMapping("/admin/controlled/")
    public String controlled(@RequestParam(defaultValue = "") String controller,
                             @RequestParam(defaultValue = "") String is_active, Model model) {
        List<Specification<ControlledDatapointLink>> conditions = new ArrayList<>();
        Optional<Long> controllerId = IdFilter.parse(controller);
        controllerId.ifPresent(id -> conditions.add(ControlledDatapointLinkRepository.ofController(id)));
        if (!is_active.isEmpty()) {
            conditions.add(ControlledDatapointLinkRepository.active(is_active.equals("1")));
        }
        // a controller filter that is no id matches nothing
        model.addAttribute("links", !controller.isEmpty() && controllerId.isEmpty() ? List.of()
                : links.findAll(Specification.allOf(conditions), Sort.by("id")));
        model.addAttribute("controllers", controllers.findAll(Sort.by("name")));
        model.addAttribute("controller", controller);
        model.addAttribute("isActive", is_active);
        return "admin/controlled";
    }
}

"""The admin API is one table (every /__admin route the application serves is a row of it); the storage route."""

from mockserver.http import admin


def test_every_admin_route_is_a_row_of_the_table(app):
    served = {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith(admin.PREFIX)
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert served == {(method, admin.PREFIX + path) for method, path, _ in admin.ADMIN_ROUTES}


def test_a_storage_fetch_is_journalled_under_the_storage(client):
    response = client.get("/siade/1-00-statuts.pdf")
    assert response.status_code == 404
    (entry,) = client.get("/__admin/requests").json["requests"]
    assert (entry["endpoint"], entry["status"]) == ("storage", 404)

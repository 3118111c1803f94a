"""deploy/: the instance of a deployment past one machine (Dagster's storage in Postgres, one
Kubernetes Job per run, several days at once) loads through Dagster's own code, and the same
definitions load and launch under it. No Postgres and no cluster are needed: each class the instance
names is imported and its configuration validated by its own schema, the Postgres address is built
(not dialled), and a run of a day is launched against a recording stand-in for the Kubernetes API.
"""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path
from unittest import mock

import dagster as dg
import pytest
import yaml

pytest.importorskip("dagster_postgres", reason="dagster-postgres is not installed (deploy/README.md)")
pytest.importorskip("dagster_k8s", reason="dagster-k8s is not installed (deploy/README.md)")

from dagster._config import process_config  # noqa: E402
from dagster._core.errors import DagsterInvalidConfigError  # noqa: E402
from dagster._core.instance.config import dagster_instance_config  # noqa: E402
from dagster._core.instance.ref import InstanceRef  # noqa: E402
from dagster._core.launcher import LaunchRunContext  # noqa: E402
from dagster._core.run_coordinator import QueuedRunCoordinator  # noqa: E402
from dagster._core.storage.dagster_run import DagsterRunStatus  # noqa: E402
from dagster._core.test_utils import create_run_for_test, in_process_test_workspace  # noqa: E402
from dagster._core.types.loadable_target_origin import LoadableTargetOrigin  # noqa: E402
from dagster._core.workspace.config_schema import ensure_workspace_config  # noqa: E402
from dagster._grpc.types import ExecuteRunArgs  # noqa: E402
from dagster._serdes import deserialize_value, serialize_value  # noqa: E402
from dagster_k8s import K8sRunLauncher  # noqa: E402
from dagster_k8s.client import DagsterKubernetesClient  # noqa: E402
from dagster_postgres.utils import pg_url_from_config  # noqa: E402

from skywatch.pipelines import definitions  # noqa: E402
from skywatch.pipelines.schedules import DAILY_JOB  # noqa: E402

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"
MODULE = "skywatch.pipelines.definitions"
IMAGE = "registry.example.org/skywatch:test"
PASSWORD = "pa ss/w:rd@1%"  # characters a URL must escape


def _yaml(name: str):
    return yaml.safe_load((DEPLOY / name).read_text())


def _configmap() -> dict[str, str]:
    return _yaml("k8s/skywatch-env.yaml")["data"]


@pytest.fixture
def deploy_env(monkeypatch):
    """The environment of a Skywatch pod: the ConfigMap's entries and the Secret's password."""
    for name, value in _configmap().items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("DAGSTER_PG_PASSWORD", PASSWORD)
    return _configmap()


def _class(data):
    return getattr(importlib.import_module(data.module_name), data.class_name)


def _processed(data):
    """The class's config as its own schema reads it, environment variables resolved."""
    result = process_config(_class(data).config_type(), yaml.safe_load(data.config_yaml) or {})
    assert result.success, (data.class_name, [e.message for e in result.errors])
    return result.value


def test_instance_passes_dagster_schema_and_every_class_validates_its_config(deploy_env):
    ref = InstanceRef.from_dir(str(DEPLOY))  # dagster.yaml through Dagster's instance schema
    names = {
        "storage": ref.storage_data, "run storage": ref.run_storage_data,
        "event log": ref.event_storage_data, "schedules": ref.schedule_storage_data,
        "run launcher": ref.run_launcher_data, "run coordinator": ref.run_coordinator_data,
        "compute logs": ref.compute_logs_data, "scheduler": ref.scheduler_data,
    }
    assert {k: v.class_name for k, v in names.items()} == {
        "storage": "DagsterPostgresStorage", "run storage": "PostgresRunStorage",
        "event log": "PostgresEventLogStorage", "schedules": "PostgresScheduleStorage",
        "run launcher": "K8sRunLauncher", "run coordinator": "QueuedRunCoordinator",
        "compute logs": "NoOpComputeLogManager", "scheduler": "DagsterDaemonScheduler",
    }
    for data in names.values():
        _processed(data)
    assert ref.settings["run_monitoring"]["enabled"] and ref.settings["telemetry"] == {"enabled": False}


def test_postgres_password_and_address_come_from_the_environment(deploy_env, monkeypatch):
    import sqlalchemy as sa

    assert PASSWORD not in (DEPLOY / "dagster.yaml").read_text()
    ref = InstanceRef.from_dir(str(DEPLOY))
    engine = sa.create_engine(pg_url_from_config(_processed(ref.storage_data)))  # builds, never connects
    # psycopg2, which dagster-postgres installs: a bare postgresql:// is psycopg 3 under SQLAlchemy 2.1
    assert engine.dialect.name == "postgresql" and engine.dialect.driver == "psycopg2"
    url = engine.url
    assert (url.username, url.password, url.host, url.port, url.database) == (
        deploy_env["DAGSTER_PG_USERNAME"], PASSWORD, deploy_env["DAGSTER_PG_HOST"],
        int(deploy_env["DAGSTER_PG_PORT"]), deploy_env["DAGSTER_PG_DB"])
    engine.dispose()
    # A run pod gets the instance in its arguments (visible to anyone who can read the Job): the
    # password travels as the name of its variable, resolved inside the pod.
    assert PASSWORD not in serialize_value(ref) and "DAGSTER_PG_PASSWORD" in serialize_value(ref)

    monkeypatch.delenv("DAGSTER_PG_PASSWORD")  # a pod without the Secret: refused, naming the variable
    storage = ref.storage_data
    result = process_config(_class(storage).config_type(), yaml.safe_load(storage.config_yaml))
    assert not result.success and "DAGSTER_PG_PASSWORD" in " ".join(e.message for e in result.errors)


def test_queue_runs_one_day_at_a_time_and_never_one_day_twice(deploy_env):
    # One at a time while the warehouse is one DuckDB file with one writer (deploy/dagster.yaml).
    coordinator = InstanceRef.from_dir(str(DEPLOY)).run_coordinator_data.rehydrate(QueuedRunCoordinator)
    queue = coordinator.get_run_queue_config()
    assert queue.max_concurrent_runs == 1
    assert [(t["key"], t["value"], t["limit"]) for t in queue.tag_concurrency_limits] == [
        ("dagster/partition", {"applyLimitPerUniqueValue": True}, 1)]


def _kubeconfig(tmp_path: Path) -> str:
    """A kubeconfig naming a cluster on the loopback address; nothing is ever sent to it."""
    path = tmp_path / "kubeconfig"
    path.write_text(yaml.safe_dump({
        "apiVersion": "v1", "kind": "Config", "current-context": "test",
        "clusters": [{"name": "test", "cluster": {"server": "https://127.0.0.1:6443"}}],
        "contexts": [{"name": "test", "context": {"cluster": "test", "user": "test"}}],
        "users": [{"name": "test", "user": {"token": "test"}}],
    }))
    return str(path)


def test_a_day_is_queued_then_launched_as_one_kubernetes_job(deploy_env, tmp_path):
    # The deploy instance as it is, but for two things a test machine has not got: SQLite stands in
    # for Postgres, and the launcher reads a local kubeconfig instead of the in-cluster one.
    config, _ = dagster_instance_config(str(DEPLOY))
    overrides = {k: v for k, v in yaml.safe_load((DEPLOY / "dagster.yaml").read_text()).items()
                 if k != "storage"}
    overrides["run_launcher"]["config"].update(load_incluster_config=False,
                                               kubeconfig_file=_kubeconfig(tmp_path))
    launcher_config = config["run_launcher"]["config"]
    batch_api = mock.MagicMock()
    with dg.instance_for_test(overrides=overrides) as instance:
        launcher = instance.run_launcher
        assert isinstance(launcher, K8sRunLauncher)
        launcher._api_client = DagsterKubernetesClient.production_client(  # the recording stand-in
            batch_api_override=batch_api, core_api_override=mock.MagicMock())
        origin = LoadableTargetOrigin(module_name=MODULE)
        with in_process_test_workspace(instance, origin, container_image=IMAGE) as workspace:
            location = workspace.get_code_location(workspace.code_location_names[0])
            [repo] = location.get_repositories().values()
            job = repo.get_full_job(DAILY_JOB)
            assert {s.name for s in repo.get_schedules()} == {"nightly"}
            assert {s.name for s in repo.get_sensors()} == {"landing_sensor"}
            run = create_run_for_test(
                instance, job_name=DAILY_JOB, tags={"dagster/partition": "2026-11-20"},
                remote_job_origin=job.get_remote_origin(), job_code_origin=job.get_python_origin(),
                job_snapshot=job.job_snapshot)
            instance.submit_run(run.run_id, workspace)  # to the queue, for the daemon to launch
            assert instance.get_run_by_id(run.run_id).status == DagsterRunStatus.QUEUED
            batch_api.create_namespaced_job.assert_not_called()

            launcher.launch_run(LaunchRunContext(instance.get_run_by_id(run.run_id), workspace))

    [call] = batch_api.create_namespaced_job.call_args_list
    assert call.kwargs["namespace"] == launcher_config["job_namespace"]
    body = call.kwargs["body"]
    pod = body.spec.template.spec
    [container] = pod.containers
    assert container.image == IMAGE  # the code location's image: the code that was loaded runs
    assert container.args[:3] == ["dagster", "api", "execute_run"]
    execute = deserialize_value(container.args[3], ExecuteRunArgs)  # what the pod will run
    assert (execute.run_id, execute.job_origin.job_name) == (run.run_id, DAILY_JOB)
    assert execute.job_origin.repository_origin.code_pointer.module == MODULE
    assert [e.config_map_ref.name for e in container.env_from if e.config_map_ref] == \
        launcher_config["env_config_maps"]
    secret = {e.name: e.value_from.secret_key_ref.name for e in container.env if e.value_from}
    assert secret["DAGSTER_PG_PASSWORD"] == launcher_config["postgres_password_secret"]
    mounts = {m.name: m.mount_path for m in container.volume_mounts}
    assert mounts["skywatch-data"] == "/data"
    env = {e.name: e.value for e in container.env if not e.value_from}
    assert env["DAGSTER_HOME"] == launcher_config["dagster_home"]
    assert execute.instance_ref == instance.get_ref()  # the instance travels in the arguments
    volumes = {v.name: v for v in pod.volumes}
    assert volumes["skywatch-data"].persistent_volume_claim.claim_name == "skywatch-data"
    assert container.resources.requests == launcher_config["resources"]["requests"]
    assert body.metadata.labels["dagster/job"] == DAILY_JOB
    assert body.metadata.labels["app.kubernetes.io/part-of"] == "skywatch"


def test_the_same_definitions_load_with_the_pods_paths(deploy_env):
    defs = definitions.build_definitions()  # as the user code server does: paths from the ConfigMap
    dg.Definitions.validate_loadable(defs)
    paths = {name: res.process_config_and_initialize() for name, res in defs.resources.items()}
    assert paths["warehouse"].path == deploy_env[definitions.ENV_WAREHOUSE]
    assert paths["landing"].root == deploy_env[definitions.ENV_LANDING]
    assert paths["gates"].data_docs_dir == deploy_env["SKYWATCH_DATA_DOCS_DIR"]
    mount = "/data/"
    assert all(deploy_env[k].startswith(mount) for k in deploy_env if k.startswith("SKYWATCH_"))

    job = defs.resolve_job_def(DAILY_JOB)
    assert job.executor_def.name == "in_process"  # a day's stages in its one pod
    assert defs.resolve_schedule_def("nightly").job_name == DAILY_JOB
    graph = defs.resolve_asset_graph()
    assert graph.asset_check_keys and all(graph.get_check_spec(k).blocking for k in graph.asset_check_keys)
    assert {k.asset_key for k in graph.asset_check_keys if k.name == "gx_suite"} == \
        set(graph.get_all_asset_keys())


def _snake(value):
    """Helm values spell Kubernetes fields in camelCase, the instance in snake_case."""
    if isinstance(value, dict):
        return {"".join("_" + c.lower() if c.isupper() else c for c in k): _snake(v)
                for k, v in value.items()}
    if isinstance(value, list):
        return [_snake(v) for v in value]
    return value


def test_helm_values_workspace_and_configmap_agree_with_the_instance(deploy_env):
    instance = yaml.safe_load((DEPLOY / "dagster.yaml").read_text())
    launcher = instance["run_launcher"]["config"]
    values = _yaml("helm-values.yaml")

    assert values["runLauncher"]["type"] == instance["run_launcher"]["class"]
    k8s = values["runLauncher"]["config"]["k8sRunLauncher"]
    assert [c["name"] for c in k8s["envConfigMaps"]] == launcher["env_config_maps"]
    for key in ("volumes", "labels", "resources"):
        assert k8s[key] == launcher[key], key
    assert _snake(k8s["volumeMounts"]) == launcher["volume_mounts"]
    assert (k8s["jobNamespace"], k8s["failPodOnRunFailure"], k8s["imagePullPolicy"]) == (
        launcher["job_namespace"], launcher["fail_pod_on_run_failure"], launcher["image_pull_policy"])
    assert values["fullnameOverride"] + "-instance" == launcher["instance_config_map"]
    assert values["global"]["serviceAccountName"] == launcher["service_account_name"]
    assert values["global"]["postgresqlSecretName"] == launcher["postgres_password_secret"]
    assert values["global"]["dagsterHome"] == launcher["dagster_home"]

    queue = values["dagsterDaemon"]["runCoordinator"]
    assert queue["type"] == instance["run_coordinator"]["class"]
    assert _snake({k: v for k, v in queue["config"]["queuedRunCoordinator"].items()
                   if k != "tagConcurrencyLimits"}) == {"max_concurrent_runs": 1}
    assert queue["config"]["queuedRunCoordinator"]["tagConcurrencyLimits"] == \
        instance["run_coordinator"]["config"]["tag_concurrency_limits"]
    assert instance["run_coordinator"]["config"]["max_concurrent_runs"] == 1

    pg = values["postgresql"]
    assert pg["enabled"] is False and not values["generatePostgresqlPasswordSecret"]
    assert (pg["postgresqlHost"], pg["postgresqlUsername"], pg["postgresqlDatabase"],
            str(pg["service"]["port"])) == tuple(deploy_env[k] for k in (
                "DAGSTER_PG_HOST", "DAGSTER_PG_USERNAME", "DAGSTER_PG_DB", "DAGSTER_PG_PORT"))
    assert pg["postgresqlScheme"] == instance["storage"]["postgres"]["postgres_db"]["scheme"]

    [code] = values["dagster-user-deployments"]["deployments"]
    assert code["dagsterApiGrpcArgs"] == ["-m", MODULE] and importlib.util.find_spec(MODULE)
    assert [c["name"] for c in code["envConfigMaps"]] == launcher["env_config_maps"]
    assert code["volumes"] == launcher["volumes"]
    assert _snake(code["volumeMounts"]) == launcher["volume_mounts"]

    workspace = _yaml("workspace.yaml")
    ensure_workspace_config(workspace, str(DEPLOY / "workspace.yaml"))
    [entry] = workspace["load_from"]
    assert (entry["grpc_server"]["port"], entry["grpc_server"]["location_name"]) == (code["port"], "skywatch")
    assert MODULE in (DEPLOY / "Dockerfile").read_text()

    claim = _yaml("k8s/skywatch-data.yaml")
    assert claim["metadata"]["name"] == launcher["volumes"][0]["persistentVolumeClaim"]["claimName"]
    assert claim["spec"]["accessModes"] == ["ReadWriteMany"]  # pods on several nodes write at once


def test_deploy_libraries_match_the_installed_dagster():
    # Dagster's libraries are numbered 0.(N+16).x beside dagster 1.N.x, released together.
    import dagster_k8s
    import dagster_postgres

    major, minor, patch = dg.__version__.split(".")[:3]
    assert major == "1"
    for library in (dagster_postgres, dagster_k8s):
        assert library.__version__ == f"0.{int(minor) + 16}.{patch}", library.__name__


def test_instance_schema_refuses_a_misspelt_key(tmp_path, deploy_env):
    # The schema check above is a real one: a typo in the instance is an error, not ignored.
    text = (DEPLOY / "dagster.yaml").read_text().replace("run_monitoring:", "run_monitorin:")
    (tmp_path / "dagster.yaml").write_text(text)
    with pytest.raises(DagsterInvalidConfigError):
        dagster_instance_config(str(tmp_path))

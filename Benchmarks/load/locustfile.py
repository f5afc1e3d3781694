# Locust's peer row for scripts/bench/load-peers.sh: FastHttpUser (its fastest client, geventhttpclient)
# sending the same GET as the other generators, back to back (no wait time), like wrk.
from locust import FastHttpUser, task, constant


class ListAgents(FastHttpUser):
    wait_time = constant(0)

    @task
    def list_agents(self):
        self.client.get("/v2/agents")

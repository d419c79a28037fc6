"""gd as a Jupyter kernel, checked by the Jupyter project's own conformance
suite (jupyter_kernel_test.KernelTests), plus what a notebook relies on
beyond it: state across cells, display of every result, files relative to
the kernel's folder, interrupts and shutdown.

Run by tests/kernel.rs, which installs the kernelspec of the gd under test
and points JUPYTER_PATH at it; by hand:
    target/jupyter-venv/bin/python -m unittest -v tests/kernel/test_gd_kernel.py
"""

import os
import shutil
import tempfile
import time
import unittest

import jupyter_kernel_test
from jupyter_client.manager import KernelManager, start_new_kernel

TIMEOUT = 30


class GdKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "gd"
    language_name = "gd"
    file_extension = ".gd"

    # gd has no way to print a string (strings only name files), so the
    # stdout test (code_hello_world) does not apply.

    code_stderr = "y = 2\nx = 1/2y"  # runs, with a warning about `1/2y`

    completion_samples = [
        {"text": "sig", "matches": {"sigmoid", "sign"}},
        {"text": "x = \\alpha", "matches": {"α"}},
        {"text": "minimize J with st", "matches": {"steps"}},
        {"text": ":he", "matches": {":help"}},
    ]

    complete_code_samples = ["1 + 2", "J(a) = a^2", "x = 1\ny = 2", ":help graph", ""]
    incomplete_code_samples = ["J(1,", "x = 2 +", "minimize J with α = 0.1,"]
    invalid_code_samples = ["x = 1)", "2 +* 3", "x = (1 +\n:list"]

    code_generate_error = "log(0)"

    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": "J(a, b, c) = 3*(a + b*c)\nJ(5, 3, 2)", "result": "33"},
        {"code": "J(a, b, c) = 3*(a + b*c)\n∂J/∂b", "result": "∂J/∂b = 3*c"},
    ]

    # Every result but a cell's last is display_data, with the richest types that fit.
    code_display_data = [
        {"code": "J(a, b) = a*b\ngraph J at a=2, b=3\nJ(2, 3)", "mime": "image/svg+xml"},
        {"code": "J(a, b) = a*b\ngraph J at a=2, b=3\nJ(2, 3)", "mime": "text/vnd.mermaid"},
        {"code": "J(a, b) = a*b\n∂J/∂a\nJ(2, 3)", "mime": "text/latex"},
        {"code": "J(a, b) = a*b\ncheck ∂J/∂a = b\nJ(2, 3)", "mime": "text/html"},
    ]

    code_history_pattern = "1 + 2*"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "sin"

    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp()
        with open(os.path.join(cls.folder, "houses.csv"), "w", encoding="utf-8") as csv:
            csv.write("area,price\n1,2\n3,4\n")
        cls.km, cls.kc = start_new_kernel(kernel_name=cls.kernel_name, cwd=cls.folder)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(cls.folder, ignore_errors=True)

    def result_of(self, code):
        """The reply and the outputs of running `code`."""
        self.flush_channels()
        return self.execute_helper(code, timeout=TIMEOUT)

    def test_state_persists_and_a_failed_cell_changes_nothing(self):
        self.result_of("kept = 2")
        reply, outputs = self.result_of("kept = 5\nlog(0)")
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "NotComputable")
        self.assertIn("log of 0", reply["content"]["evalue"])
        reply, outputs = self.result_of("kept + 1")
        self.assertEqual(outputs[-1]["content"]["data"]["text/plain"], "3")

    def test_cells_queued_behind_a_failed_one_are_aborted_and_later_ones_run(self):
        self.flush_channels()
        slow_failure = "L(w) = (w - 3)^2\nminimize L from w = 0 with α = 1e-12, tol = 0, steps = 40000000\nlog(0)"
        failing = self.kc.execute(slow_failure)
        queued = self.kc.execute("1 + 1")
        replies = {}
        while len(replies) < 2:
            reply = self.get_non_kernel_info_reply(timeout=TIMEOUT)
            replies[reply["parent_header"]["msg_id"]] = reply["content"]["status"]
        self.assertEqual(replies, {failing: "error", queued: "aborted"})
        self.kc.execute("log(0)", reply=True, timeout=TIMEOUT)
        reply = self.kc.execute("1 + 1", reply=True, timeout=TIMEOUT)
        self.assertEqual(reply["content"]["status"], "ok", "sent after the failure was known")

    def test_every_result_is_shown_and_the_last_is_the_cells(self):
        reply, outputs = self.result_of("f(x) = x^2\nf(3)\nf'")
        kinds = [message["msg_type"] for message in outputs]
        self.assertEqual(kinds, ["display_data", "execute_result"])
        self.assertEqual(outputs[0]["content"]["data"]["text/plain"], "9")
        self.assertEqual(outputs[1]["content"]["data"]["text/plain"], "f'(x) = 2*x")
        self.assertEqual(outputs[1]["content"]["execution_count"], reply["content"]["execution_count"])

    def test_a_plot_without_a_file_is_drawn_inline(self):
        reply, outputs = self.result_of("J(w) = (w - 3)^2\nminimize J from w = 0 with α = 0.1, plot")
        self.assertEqual(reply["content"]["status"], "ok")
        shown = [o["content"]["data"] for o in outputs if o["msg_type"] in ("display_data", "execute_result")]
        self.assertIn("converged after", shown[0]["text/plain"])
        self.assertIn("text/html", shown[0])  # the iteration table
        self.assertEqual(len(shown), 2)
        self.assertTrue(shown[1]["image/svg+xml"].startswith("<svg"))

    def test_load_resolves_from_the_kernels_folder(self):
        reply, outputs = self.result_of('houses = load("houses.csv")\nmean(houses.price)')
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(outputs[-1]["content"]["data"]["text/plain"], "3")

    def test_inspect_a_defined_name(self):
        self.result_of("Q(w) = (w - 3)^2")
        self.flush_channels()
        self.kc.inspect("1 + Q(2)", cursor_pos=5)
        reply = self.get_non_kernel_info_reply(timeout=TIMEOUT)
        self.assertTrue(reply["content"]["found"])
        self.assertIn("Q(w) = (w - 3)^2", reply["content"]["data"]["text/plain"])

    def interrupt_a_long_minimize(self):
        """Starts twenty long minimizes (gd bounds one to about a second of
        work), interrupts them, and checks that the cell stopped and the
        kernel goes on."""
        run = "minimize L from w = 0 with α = 1e-12, tol = 0, steps = 40000000\n"
        self.flush_channels()
        self.kc.execute("L(w) = (w - 3)^2\n" + run * 20)
        time.sleep(1.5)
        self.km.interrupt_kernel()
        reply = self.get_non_kernel_info_reply(timeout=TIMEOUT)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        reply, outputs = self.result_of("1 + 1")
        self.assertEqual(outputs[-1]["content"]["data"]["text/plain"], "2")

    def test_interrupt_stops_a_long_minimize_and_the_kernel_goes_on(self):
        self.interrupt_a_long_minimize()  # with SIGINT, the kernelspec's interrupt_mode

    def test_an_interrupt_request_stops_it_too(self):
        spec = self.km.kernel_spec
        spec.interrupt_mode = "message"
        try:
            self.interrupt_a_long_minimize()
        finally:
            spec.interrupt_mode = "signal"

    def test_an_error_traceback_is_the_coloured_diagnostic(self):
        reply, outputs = self.result_of("z = log(0)")
        traceback = "\n".join(outputs[0]["content"]["traceback"])
        self.assertIn("\x1b[", traceback)
        self.assertIn("log(0) is -∞", traceback)
        self.assertNotIn("\x1b", outputs[0]["content"]["evalue"])


class GdKernelShutdownTests(unittest.TestCase):
    def test_a_shutdown_request_ends_the_process(self):
        km = KernelManager(kernel_name="gd")
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=TIMEOUT)
            kc.shutdown()
            deadline = time.monotonic() + 10
            while km.is_alive() and time.monotonic() < deadline:
                time.sleep(0.1)
            self.assertFalse(km.is_alive(), "the kernel did not exit after shutdown_request")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


if __name__ == "__main__":
    unittest.main()

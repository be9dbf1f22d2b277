package intents

import "math"

// evidence is what the learned matcher knows about its best candidate for
// a message; the calibrator turns it into the probability that the
// candidate is right.
type evidence struct {
	p1, p2    float64 // the classifier's two best probabilities
	pOut      float64 // its probability of the out-of-scope examples
	pBack     float64 // and of the background
	sim       float64 // similarity of the candidate's closest example
	simOut    float64 // of the closest out-of-scope example
	simBack   float64 // of the closest background sentence
	coverage  float64 // share of the message's words the intents know
	explained float64 // share of the message's words the candidate's sentences use
}

const evidenceFeatures = 10

func (e evidence) features() [evidenceFeatures]float64 {
	return [evidenceFeatures]float64{1, e.p1, e.p1 - e.p2, e.pOut, e.pBack, e.sim, e.simOut, e.simBack, e.coverage, e.explained}
}

// calibrator is logistic regression on the evidence.
type calibrator struct {
	w [evidenceFeatures]float64
}

// priorCalibrator is where fitting starts and what it is pulled towards:
// what a folder with few examples is calibrated with.
var priorCalibrator = calibrator{w: [evidenceFeatures]float64{-3.5, 2.5, 1.5, -2, -2, 4, -4, -4, 2, 1}}

func (c calibrator) confidence(e evidence) float64 {
	x := e.features()
	z := 0.0
	for i := range x {
		z += c.w[i] * x[i]
	}
	return 1 / (1 + math.Exp(-z))
}

// calibrationPoint is one held-out sentence's evidence and whether the
// best candidate was right (false for out-of-scope sentences).
type calibrationPoint struct {
	e      evidence
	right  bool
	weight float64
}

// fitCalibrator fits the calibrator by Newton's method on the weighted
// log-loss, with a ridge penalty pulling it towards priorCalibrator.
func fitCalibrator(points []calibrationPoint, ridge float64) calibrator {
	c := priorCalibrator
	const n = evidenceFeatures
	for iter := 0; iter < 25; iter++ {
		var grad [n]float64
		var hess [n][n]float64
		for i := range n {
			grad[i] = ridge * (c.w[i] - priorCalibrator.w[i])
			hess[i][i] = ridge
		}
		for _, pt := range points {
			x := pt.e.features()
			p := c.confidence(pt.e)
			y := 0.0
			if pt.right {
				y = 1
			}
			for i := range n {
				grad[i] += pt.weight * (p - y) * x[i]
				for j := range n {
					hess[i][j] += pt.weight * p * (1 - p) * x[i] * x[j]
				}
			}
		}
		step, ok := solve(hess, grad)
		if !ok {
			break
		}
		var size float64
		for i := range n {
			c.w[i] -= step[i]
			size += math.Abs(step[i])
		}
		if size < 1e-6 {
			break
		}
	}
	return c
}

// solve solves a x = b by Gaussian elimination with partial pivoting.
func solve(a [evidenceFeatures][evidenceFeatures]float64, b [evidenceFeatures]float64) ([evidenceFeatures]float64, bool) {
	const n = evidenceFeatures
	for col := range n {
		piv := col
		for r := col + 1; r < n; r++ {
			if math.Abs(a[r][col]) > math.Abs(a[piv][col]) {
				piv = r
			}
		}
		if math.Abs(a[piv][col]) < 1e-12 {
			return b, false
		}
		a[col], a[piv] = a[piv], a[col]
		b[col], b[piv] = b[piv], b[col]
		for r := col + 1; r < n; r++ {
			f := a[r][col] / a[col][col]
			for k := col; k < n; k++ {
				a[r][k] -= f * a[col][k]
			}
			b[r] -= f * b[col]
		}
	}
	var x [n]float64
	for r := n - 1; r >= 0; r-- {
		s := b[r]
		for k := r + 1; k < n; k++ {
			s -= a[r][k] * x[k]
		}
		x[r] = s / a[r][r]
	}
	return x, true
}
